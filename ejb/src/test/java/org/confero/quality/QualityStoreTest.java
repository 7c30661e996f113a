package org.confero.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.confero.common.MutableClock;
import org.junit.jupiter.api.Test;

/** Issue 22: the latest report per participant, bounded in size and in how often one participant is heard. */
class QualityStoreTest {

    static final QualityReport REPORT = new QualityReport("java", Map.of());

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T08:00:00Z"));

    @Test
    void reportsCloserThanTheMinimumIntervalAreIgnored() {
        QualityStore store = new QualityStore(10, Duration.ofSeconds(1), clock);
        assertThat(store.offer("m", "p1", REPORT)).isTrue();
        clock.set(clock.instant().plusMillis(500));
        assertThat(store.offer("m", "p1", REPORT)).isFalse();
        clock.set(clock.instant().plusMillis(500));
        assertThat(store.offer("m", "p1", REPORT)).isTrue();
        assertThat(store.latest("m", "p1")).hasValueSatisfying(l -> assertThat(l.at()).isEqualTo(clock.instant()));
    }

    @Test
    void theLeastRecentlyReportingParticipantGoesPastTheBound() {
        QualityStore store = new QualityStore(2, Duration.ZERO, clock);
        store.offer("m", "p1", REPORT);
        store.offer("m", "p2", REPORT);
        store.offer("m", "p1", REPORT);
        store.offer("m", "p3", REPORT);
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.latest("m", "p2")).isEmpty();
        assertThat(store.latest("m", "p1")).isPresent();
    }

    @Test
    void joinPhasesCountOncePerParticipant() {
        QualityStore store = new QualityStore(10, Duration.ZERO, clock);
        assertThat(store.firstJoinReport("m", "p1")).isTrue();
        assertThat(store.firstJoinReport("m", "p1")).isFalse();
        store.forget("m", "p1");
        assertThat(store.latest("m", "p1")).isEmpty();
    }
}
