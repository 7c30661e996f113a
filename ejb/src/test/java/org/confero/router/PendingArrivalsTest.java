package org.confero.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class PendingArrivalsTest {

    private final Instant t0 = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void countsOnlyWhatWasSentAfterTheRoutersLastHeartbeat() {
        PendingArrivals pending = new PendingArrivals();
        pending.sent("r1", t0);
        pending.sent("r1", t0.plusMillis(500));
        pending.sent("r1", t0.plusMillis(900));
        pending.sent("r2", t0.plusMillis(900));

        assertThat(pending.after("r1", t0.minusMillis(1))).isEqualTo(3);
        assertThat(pending.after("r1", t0.plusMillis(500))).as("the heartbeat at 500 ms counted the first two")
                .isEqualTo(1);
        assertThat(pending.after("r1", t0.plusSeconds(1))).isZero();
        assertThat(pending.after("r3", t0)).isZero();
        pending.forget("r1");
        assertThat(pending.after("r1", t0.minusMillis(1))).isZero();
        assertThat(pending.after("r2", t0)).isEqualTo(1);
    }

    @Test
    void staysBoundedPerRouter() {
        PendingArrivals pending = new PendingArrivals();
        for (int i = 0; i < PendingArrivals.MAX_PER_ROUTER + 500; i++) {
            pending.sent("r1", t0.plusNanos(i));
        }
        assertThat(pending.after("r1", t0.minusSeconds(1))).isEqualTo(PendingArrivals.MAX_PER_ROUTER);
        pending.sent("r1", t0.plus(PendingArrivals.KEPT).plusSeconds(1));
        assertThat(pending.after("r1", t0.minusSeconds(1))).as("old arrivals are pruned").isEqualTo(1);
    }
}
