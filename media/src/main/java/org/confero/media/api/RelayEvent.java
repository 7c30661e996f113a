package org.confero.media.api;

import java.time.Instant;
import java.util.Objects;

import org.confero.protocol.media.MediaType;

/**
 * Something that happened to a participant's media connection on this server's relay.
 *
 * @param kind
 *            what happened
 * @param transport
 *            {@code udp}, {@code tcp}, {@code websocket}, {@code tunnel} or {@code cascade} (as
 *            {@link MediaBindingCount#TRANSPORTS})
 * @param remote
 *            the peer's address as text; empty for virtual endpoints
 * @param detail
 *            why a connection left (revoked, replaced, closed, …); empty otherwise
 */
public record RelayEvent(Kind kind, String meetingId, String participantId, MediaType mediaType, String transport,
        String remote, String detail, Instant at) {

    public enum Kind {
        /** The connection passed the binding handshake (or a virtual endpoint was attached): media flows. */
        BOUND,
        /** RFC 7675: a UDP address stopped answering consent checks and was unbound. */
        CONSENT_LOST,
        /** The connection stopped carrying media. */
        LEFT
    }

    public RelayEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(meetingId, "meetingId");
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(at, "at");
    }
}
