package org.confero.media.api;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;

/**
 * A handle on the media relay of this server. Not thread-safe: one caller at a time, closed after use
 * (try-with-resources); the relay itself keeps running and is shared.
 *
 * <p>
 * Identifiers are opaque strings of 1 to 255 UTF-8 bytes. Methods that need a running relay throw
 * {@link IllegalStateException} when it is not running (see {@link #status()}).
 */
public interface MediaConnection extends AutoCloseable {

    /** What the relay is doing now; never blocks on the network. */
    RelayStatus status();

    /** Lets participants of the meeting bind. Idempotent. */
    void openMeeting(String meetingId);

    /** Unbinds every participant of the meeting and forgets it. Idempotent. */
    void closeMeeting(String meetingId);

    /**
     * Credentials for one media connection (token and STUN password) to hand to the client over TLS: the client binds
     * with them on UDP or TCP 8801. The meeting must be open.
     */
    MediaCredentials admit(String meetingId, String participantId, MediaType mediaType, Duration ttl);

    /** Stops forwarding to and from every connection of the participant at once and refuses its earlier tokens. */
    void revoke(String meetingId, String participantId);

    /**
     * Attaches media that arrives some other way (WebSocket over TLS 443, the HTTP tunnel, a cascade link) as a
     * participant's connection of one media type; it is forwarded to and from like any other. The caller has
     * authenticated the participant.
     */
    VirtualMediaPort attachVirtualEndpoint(String meetingId, String participantId, MediaType mediaType,
            VirtualMediaSink sink);

    /** Packets and bytes in, out and dropped by reason, for the whole relay. */
    RelayStatistics statistics();

    /** The same for one open meeting. */
    Optional<RelayStatistics> statistics(String meetingId);

    /** Returns the handle to the pool; the relay keeps running. */
    @Override
    void close();

    /**
     * Receives the packets the relay forwards to a virtual endpoint. Buffer ownership: {@code packet} (position to
     * limit, one RTP/RTCP packet) belongs to the relay and is valid only during the call; copy what you keep and never
     * modify it. Called on relay I/O threads, possibly several at once; must not block.
     */
    @FunctionalInterface
    interface VirtualMediaSink {
        void accept(ByteBuffer packet);
    }

    /** The virtual endpoint's way into the relay. */
    interface VirtualMediaPort extends AutoCloseable {

        /** Forwards one packet from this participant (copied; the caller keeps its buffer). One thread at a time. */
        void send(ByteBuffer packet);

        /** False once the participant was revoked, replaced or its meeting closed. */
        boolean isBound();

        /** Detaches the endpoint (a LEFT event). */
        @Override
        void close();
    }
}
