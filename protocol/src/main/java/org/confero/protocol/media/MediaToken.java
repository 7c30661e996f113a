package org.confero.protocol.media;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * What a media token grants: one media connection of one type for one participant of one meeting, until it expires.
 * {@link MediaTokenSigner} turns it into the signed text the client presents in the STUN USERNAME.
 *
 * <p>
 * {@code receiveOnly} (issue 23, a webinar's attendees): the connection receives the meeting's media but the relay
 * forwards nothing it sends. The right is inside the signed token, so a client cannot grant it to itself.
 */
public record MediaToken(String meetingId, String participantId, MediaType mediaType, Instant issuedAt,
        Instant expiresAt, boolean receiveOnly) {

    /** A token that may send and receive, as every participant of a meeting has. */
    public MediaToken(String meetingId, String participantId, MediaType mediaType, Instant issuedAt,
            Instant expiresAt) {
        this(meetingId, participantId, mediaType, issuedAt, expiresAt, false);
    }

    /** Identifiers are length-prefixed with one byte in the token, and the token must fit a STUN USERNAME (< 509). */
    public static final int MAX_ID_BYTES = 64;

    public MediaToken {
        checkId(meetingId, "meetingId");
        checkId(participantId, "participantId");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a token must expire after it is issued");
        }
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    static void checkId(String id, String what) {
        Objects.requireNonNull(id, what);
        int bytes = id.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_ID_BYTES) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_ID_BYTES + " UTF-8 bytes");
        }
    }
}
