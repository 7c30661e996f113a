package org.confero.media.relay;

import java.util.Objects;

import org.confero.protocol.media.MediaType;

/**
 * Something that happened to a participant's media connection. {@code path} is its transport as the binding census
 * names it ({@code udp}, {@code tcp}, {@code websocket}, {@code tunnel}, {@code cascade}); {@code remote} is the peer's
 * address as text (empty for virtual endpoints); {@code detail} says why a connection left.
 */
public record RelayEvent(Type type, String meetingId, String participantId, MediaType mediaType,
        TransportKind transport, String path, String remote, String detail) {

    /** The {@code detail} of a LEFT caused by a revocation (also what a virtual endpoint's sink is told). */
    public static final String REVOKED = "credentials revoked";
    /** The {@code detail} of a LEFT caused by closing the meeting. */
    public static final String MEETING_CLOSED = "meeting closed";
    /** The {@code detail} of a LEFT caused by a newer binding of the same participant and media type. */
    public static final String REPLACED = "replaced by a new binding";

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
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(detail, "detail");
    }
}
