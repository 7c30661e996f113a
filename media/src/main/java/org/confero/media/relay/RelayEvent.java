package org.confero.media.relay;

import java.util.Objects;

import org.confero.protocol.media.MediaType;

/**
 * Something that happened to a participant's media connection. {@code remote} is the peer's address as text (empty for
 * virtual endpoints); {@code detail} says why a connection left.
 */
public record RelayEvent(Type type, String meetingId, String participantId, MediaType mediaType,
        TransportKind transport, String remote, String detail) {

    public enum Type {
        /** A connection passed the binding handshake (or a virtual endpoint was attached); media flows. */
        BOUND,
        /** RFC 7675: a bound UDP address stopped answering consent checks and was unbound. */
        CONSENT_LOST,
        /** The connection stopped carrying media: closed, revoked, replaced by a newer binding, meeting closed. */
        LEFT
    }

    public RelayEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(meetingId, "meetingId");
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(detail, "detail");
    }
}
