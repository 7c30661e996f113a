package org.confero.media.relay;

/**
 * Why a packet was not forwarded. Inbound reasons account for a received packet (each received packet is either relayed
 * media, accepted STUN, or dropped for exactly one inbound reason); outbound reasons count copies not sent to one
 * receiver.
 */
public enum DropReason {
    /** RTP/RTCP from an address or connection that is not bound (or no longer). */
    UNBOUND_SENDER(true),
    /** First byte outside RFC 7983's STUN and RTP/RTCP ranges, or an empty packet. */
    NOT_STUN_OR_RTP(true),
    /** Longer than {@link RelayConfig#maxPacketBytes()}. */
    OVERSIZE(true),
    /** STUN by its first byte but not a well-formed RFC 8489 message, or a bad FINGERPRINT. */
    MALFORMED_STUN(true),
    /**
     * Binding request without a token, or with a forged or unreadable one, or one whose lifetime is longer than
     * {@link RelayConfig#maxTokenLifetime()}.
     */
    BAD_TOKEN(true), EXPIRED_TOKEN(true),
    /** The declared media type is missing or differs from the token's. */
    WRONG_MEDIA_TYPE(true),
    /** MESSAGE-INTEGRITY missing or not keyed with the token's password. */
    BAD_INTEGRITY(true),
    /** An echoed return-routability nonce the relay did not issue to this address and token. */
    BAD_NONCE(true),
    /** The token names a meeting this relay has not opened. */
    UNKNOWN_MEETING(true),
    /** The participant was revoked after the token was issued. */
    REVOKED(true),
    /**
     * The meeting was closed on this relay after the token was issued (issue 18): it is not open now, or it was
     * reopened since and the token predates the close.
     */
    MEETING_CLOSED(true),
    /**
     * A participant opened more new connections of one media type within a minute than
     * {@link RelayConfig#bindsPerMinute()} allows (keep-alives on a bound connection do not count).
     */
    BIND_RATE_LIMITED(true),
    /**
     * Media from a connection bound with receive-only credentials (issue 23: a webinar's attendee), on any transport.
     */
    NOT_A_SENDER(true),
    /**
     * RTCP feedback from a receive-only connection past {@link ReceiverFeedback#PER_SECOND} packets in a second (issue
     * 23: an attendee's reports and keyframe requests reach the senders, bounded per binding).
     */
    FEEDBACK_RATE_LIMITED(true),
    /** A STUN message the relay expects in no state (stray responses, indications, stale consent answers). */
    UNEXPECTED_STUN(true),
    /** The answer would have been larger than the request to an unproven address (never sent). */
    AMPLIFICATION(true),
    /** A receiver's bounded queue was full (slow TCP receiver, full UDP socket). */
    QUEUE_FULL(false),
    /** A virtual endpoint's sink threw. */
    SINK_FAILED(false);

    private final boolean inbound;

    DropReason(boolean inbound) {
        this.inbound = inbound;
    }

    public boolean inbound() {
        return inbound;
    }
}
