package org.confero.mmr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.confero.media.api.RelayEvent;
import org.confero.mmr.api.MediaConnectionView;
import org.confero.protocol.media.MediaType;
import org.junit.jupiter.api.Test;

class MediaBindingsTest {

    private final MediaBindings bindings = new MediaBindings();
    private final Instant t0 = Instant.parse("2026-11-21T10:00:00Z");

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

    private RelayEvent event(RelayEvent.Kind kind, String meeting, String participant, MediaType type, String transport,
            int second) {
        return new RelayEvent(kind, meeting, participant, type, transport, "127.0.0.1:5000", "",
                t0.plusSeconds(second));
    }
}
