package org.confero.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefusalsTest {

    @Test
    void eachLimitCountsItsOwnRefusals() {
        Refusals refusals = new Refusals();
        refusals.refused(Limit.LOOKUPS);
        refusals.refused(Limit.LOOKUPS);
        refusals.refused(Limit.JOIN_DEADLINE);

        assertThat(refusals.count(Limit.LOOKUPS)).isEqualTo(2);
        assertThat(refusals.count(Limit.JOIN_DEADLINE)).isEqualTo(1);
        assertThat(refusals.all()).containsOnlyKeys(Limit.values()).containsEntry(Limit.ASSIGNS, 0L)
                .containsEntry(Limit.LOOKUPS, 2L);
    }
}
