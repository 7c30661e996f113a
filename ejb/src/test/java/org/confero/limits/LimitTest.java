package org.confero.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LimitTest {

    @Test
    void aLimitIsItsPropertyOrItsDefault() {
        var config = MapConfig.of(Map.of("confero.limits.lookups.per.minute", "7"));
        assertThat(Limit.LOOKUPS.setting(config)).isEqualTo(7);
        assertThat(Limit.ASSIGNS.setting(config)).isEqualTo(120);
        assertThat(Limit.JOIN_DEADLINE.setting(config)).isEqualTo(10);
        assertThat(Limit.CONTROL_CONNECTIONS.setting(config)).isEqualTo(100);
    }

    @Test
    void aLimitBelowOneIsRefusedAtStartRatherThanRefusingEverything() {
        var config = MapConfig.of(Map.of("confero.control.connections.per.source", "0"));
        assertThatThrownBy(() -> Limit.CONTROL_CONNECTIONS.setting(config))
                .hasMessageContaining("confero.control.connections.per.source");
    }

    @Test
    void namesAndPropertiesAreUnique() {
        assertThat(Arrays.stream(Limit.values()).map(Limit::slug)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(Limit.values()).map(Limit::property)).doesNotHaveDuplicates();
    }
}
