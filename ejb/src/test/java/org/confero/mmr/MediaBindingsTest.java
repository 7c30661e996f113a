package org.confero.mmr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.confero.media.api.RelayEvent;
import org.confero.mmr.api.MediaConnectionView;
import org.confero.protocol.media.MediaType;
import org.junit.jupiter.api.Test;

class MediaBindingsTest {

    private final Instant t0 = Instant.parse("2026-11-21T10:00:00Z");
    private final SteppedClock clock = new SteppedClock(t0);
    private final MediaBindings bindings = new MediaBindings(clock);

    @Test
    void boundConnectionsAreListedPerMeetingInOrder() {
        bindings.apply(event(RelayEvent.Kind.BOUND, "m", "bob", MediaType.VIDEO, "tcp", 1));
        bindings.apply(event(RelayEvent.Kind.BOUND, "m", "alice", MediaType.AUDIO, "udp", 2));
        bindings.apply(event(RelayEvent.Kind.BOUND, "other", "carol", MediaType.AUDIO, "udp", 3));

        assertThat(bindings.ofMeeting("m"))
                .extracting(MediaConnectionView::participantId, MediaConnectionView::transport)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", "udp"),
                        org.assertj.core.groups.Tuple.tuple("bob", "tcp"));
        assertThat(bindings.ofMeeting("unknown")).isEmpty();
    }

    @Test
    void leftAndConsentLostRemoveTheConnection() {
        bindings.apply(event(RelayEvent.Kind.BOUND, "m", "alice", MediaType.AUDIO, "udp", 1));
        bindings.apply(event(RelayEvent.Kind.BOUND, "m", "bob", MediaType.AUDIO, "udp", 1));
        bindings.apply(event(RelayEvent.Kind.LEFT, "m", "alice", MediaType.AUDIO, "udp", 2));
        bindings.apply(event(RelayEvent.Kind.CONSENT_LOST, "m", "bob", MediaType.AUDIO, "udp", 2));

        assertThat(bindings.ofMeeting("m")).isEmpty();
    }

    @Test
    void anOlderEventDeliveredLateDoesNotUndoANewerOne() {
        bindings.apply(event(RelayEvent.Kind.LEFT, "m", "alice", MediaType.AUDIO, "udp", 5));
        bindings.apply(event(RelayEvent.Kind.BOUND, "m", "alice", MediaType.AUDIO, "udp", 4));
        assertThat(bindings.ofMeeting("m")).isEmpty();

        bindings.apply(event(RelayEvent.Kind.BOUND, "m", "alice", MediaType.AUDIO, "tcp", 6));
        assertThat(bindings.ofMeeting("m")).singleElement()
                .satisfies(view -> assertThat(view.transport()).isEqualTo("tcp"));
    }

    @Test
    void connectionsThatLeftAreForgottenAndTheMapsReturnToTheirBaseline() {
        int baseline = bindings.size();
        // Issue 18, attack 6: a thousand network tests come and go (each binds its three media types, then leaves).
        for (int i = 0; i < 1000; i++) {
            for (MediaType type : MediaType.values()) {
                bindings.apply(event(RelayEvent.Kind.BOUND, "test-" + i, "probe", type, "udp", 1));
                bindings.apply(event(RelayEvent.Kind.LEFT, "test-" + i, "probe", type, "udp", 2));
            }
        }
        bindings.apply(event(RelayEvent.Kind.BOUND, "m", "alice", MediaType.AUDIO, "udp", 3));
        assertThat(bindings.meetingCount()).isEqualTo(1);
        assertThat(bindings.participantCount()).isEqualTo(1);
        assertThat(bindings.ofMeeting("test-7")).isEmpty();

        clock.advance(MediaBindings.TOMBSTONE_LIFETIME);

        assertThat(bindings.size()).as("only alice's connection is left").isEqualTo(baseline + 1);
        bindings.apply(event(RelayEvent.Kind.LEFT, "m", "alice", MediaType.AUDIO, "udp", 4));
        clock.advance(MediaBindings.TOMBSTONE_LIFETIME);
        assertThat(bindings.size()).isEqualTo(baseline);
        assertThat(bindings.meetingCount()).isZero();
        assertThat(bindings.participantCount()).isZero();
    }

    @Test
    void aLeftThatOvertookItsBoundStillWinsUntilItsTombstoneExpires() {
        bindings.apply(event(RelayEvent.Kind.LEFT, "m", "alice", MediaType.AUDIO, "udp", 5));
        clock.advance(MediaBindings.TOMBSTONE_LIFETIME.minusSeconds(1));
        bindings.apply(event(RelayEvent.Kind.BOUND, "m", "alice", MediaType.AUDIO, "udp", 4));

        assertThat(bindings.ofMeeting("m")).isEmpty();
        assertThat(bindings.participantCount()).isZero();
        assertThat(bindings.size()).as("the tombstone, still guarding").isEqualTo(1);
    }

    @Test
    void anExpiredTombstoneIsForgottenOnTheNextEventOfItsMeeting() {
        bindings.apply(event(RelayEvent.Kind.LEFT, "m", "alice", MediaType.AUDIO, "udp", 5));
        clock.advance(MediaBindings.TOMBSTONE_LIFETIME);
        bindings.apply(event(RelayEvent.Kind.BOUND, "m", "bob", MediaType.VIDEO, "tcp", 40));

        assertThat(bindings.ofMeeting("m")).singleElement()
                .satisfies(view -> assertThat(view.participantId()).isEqualTo("bob"));
        assertThat(bindings.size()).isEqualTo(1);
    }

    private RelayEvent event(RelayEvent.Kind kind, String meeting, String participant, MediaType type, String transport,
            int second) {
        return new RelayEvent(kind, meeting, participant, type, transport, "127.0.0.1:5000", "",
                t0.plusSeconds(second));
    }

    /** This server's clock, moved on by the test. */
    private static final class SteppedClock extends Clock {
        private volatile Instant now;

        SteppedClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
