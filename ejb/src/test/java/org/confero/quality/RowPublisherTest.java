package org.confero.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.confero.common.MutableClock;
import org.confero.protocol.rest.ParticipantsView.ParticipantView;
import org.junit.jupiter.api.Test;

/** Issue 22: a router keeps exactly its present participants' rows in the cluster, refreshed before they expire. */
class RowPublisherTest {

    static final Duration LIFESPAN = Duration.ofSeconds(30);

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T08:00:00Z"));
    final List<String> writes = new ArrayList<>();
    final Map<String, String> cache = new HashMap<>();
    final RowPublisher publisher = new RowPublisher(new RowPublisher.Store() {
        @Override
        public void put(String key, String value, Duration lifespan) {
            assertThat(lifespan).isEqualTo(LIFESPAN);
            writes.add(key);
            cache.put(key, value);
        }

        @Override
        public void remove(String key) {
            cache.remove(key);
        }
    }, LIFESPAN, clock);

    @Test
    void unchangedRowsAreWrittenOnlyToKeepThemAlive() {
        ParticipantView ann = ParticipantRecordTest.view("p-1", "mmr-1");
        publisher.publish(Map.of("m1", List.of(ann)));
        assertThat(writes).containsExactly("m1/p-1");
        assertThat(ParticipantRecord.decode(cache.get("m1/p-1")).orElseThrow().row()).isEqualTo(ann);

        clock.set(clock.instant().plusSeconds(2));
        publisher.publish(Map.of("m1", List.of(ann)));
        assertThat(writes).as("unchanged, young").hasSize(1);

        clock.set(clock.instant().plusSeconds(8));
        publisher.publish(Map.of("m1", List.of(ann)));
        assertThat(writes).as("a third of the lifespan old: refreshed").hasSize(2);
        assertThat(ParticipantRecord.decode(cache.get("m1/p-1")).orElseThrow().publishedAt())
                .isEqualTo(clock.instant());
    }

    @Test
    void aChangedRowIsWrittenAtOnce() {
        ParticipantView ann = ParticipantRecordTest.view("p-1", "mmr-1");
        publisher.publish(Map.of("m1", List.of(ann)));
        clock.set(clock.instant().plusSeconds(1));
        ParticipantView moved = new ParticipantView(ann.id(), ann.name(), ann.router(), ann.zone(), ann.clientKind(),
                "udp", ann.media(), ann.reportedAt());
        publisher.publish(Map.of("m1", List.of(moved)));
        assertThat(writes).hasSize(2);
        assertThat(ParticipantRecord.decode(cache.get("m1/p-1")).orElseThrow().row().transport()).isEqualTo("udp");
    }

    @Test
    void participantsAndMeetingsThatAreGoneAreRemoved() {
        publisher.publish(Map.of("m1",
                List.of(ParticipantRecordTest.view("p-1", "mmr-1"), ParticipantRecordTest.view("p-2", "mmr-1")), "m2",
                List.of(ParticipantRecordTest.view("p-3", "mmr-1"))));
        assertThat(cache).containsOnlyKeys("m1/p-1", "m1/p-2", "m2/p-3");

        publisher.publish(Map.of("m1", List.of(ParticipantRecordTest.view("p-2", "mmr-1"))));
        assertThat(cache).containsOnlyKeys("m1/p-2");
        assertThat(publisher.size()).isEqualTo(1);

        publisher.publish(Map.of());
        assertThat(cache).isEmpty();
        assertThat(publisher.size()).isZero();
    }
}
