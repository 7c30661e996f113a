package org.confero.media.ra;

import java.time.Instant;
import org.confero.media.api.RelayEvent;

/** A relay core event as the API publishes it to message-driven beans. */
public final class RelayEventViews {

    private RelayEventViews() {
    }

    public static RelayEvent of(org.confero.media.relay.RelayEvent event, Instant at) {
        RelayEvent.Kind kind = switch (event.type()) {
        case BOUND -> RelayEvent.Kind.BOUND;
        case CONSENT_LOST -> RelayEvent.Kind.CONSENT_LOST;
        case LEFT -> RelayEvent.Kind.LEFT;
        };
        return new RelayEvent(kind, event.meetingId(), event.participantId(), event.mediaType(), event.path(),
                event.remote(), event.detail(), at);
    }
}
