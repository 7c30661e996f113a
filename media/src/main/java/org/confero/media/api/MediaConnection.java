package org.confero.media.api;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
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
     * with them on UDP or TCP 8801 (or WebSocket). The meeting must be open; {@code ttl} must not exceed the relay's
     * longest token lifetime ({@code confero.media.token.max.lifetime.seconds}, IllegalArgumentException otherwise).
     * The token is issued after the participant's last revocation and the meeting's previous close, so it binds.
     */
    MediaCredentials admit(String meetingId, String participantId, MediaType mediaType, Duration ttl);

    /**
     * As {@link #admit(String, String, MediaType, Duration)}; {@code receiveOnly} (issue 23: a webinar attendee) is
     * signed into the token, and the relay drops whatever a connection bound with it sends (dropped as
     * {@code NOT_A_SENDER}) on every transport.
     */
    MediaCredentials admit(String meetingId, String participantId, MediaType mediaType, Duration ttl,
            boolean receiveOnly);

    /**
     * Stops forwarding to and from every connection of the participant at once (a TCP connection is closed, a virtual
     * endpoint's sink told) and refuses its earlier tokens, on every transport.
     */
    void revoke(String meetingId, String participantId);

    /**
     * Attaches media that arrives some other way (WebSocket over TLS 443, the HTTP tunnel, a cascade link) as a
     * participant's connection of one media type; it is forwarded to and from like any other. The caller has verified
     * the participant's media credentials; {@code credentialsIssuedAt} is their issue time (the token's
     * {@code issuedAt}; a cascade link, the router's own decision, passes now).
     *
     * @throws AttachRefusedException
     *             refused as a UDP/TCP binding with those credentials would be: revoked, issued before the meeting
     *             closed, meeting not open, older than the longest token lifetime, or over the participant's bind rate
     *             (counted like a refused binding)
     * @throws IllegalStateException
     *             the relay is not running
     */
    VirtualMediaPort attachVirtualEndpoint(String meetingId, String participantId, MediaType mediaType,
            Instant credentialsIssuedAt, VirtualMediaSink sink);

    /**
     * As above, with the verified credentials' receive-only flag (issue 23): what the port sends is dropped and
     * counted, never forwarded; it still receives.
     */
    VirtualMediaPort attachVirtualEndpoint(String meetingId, String participantId, MediaType mediaType,
            Instant credentialsIssuedAt, boolean receiveOnly, VirtualMediaSink sink);

    /**
     * As above; {@code path} is how the media reaches this server (issue 22: counted and shown as {@code websocket} or
     * {@code tunnel}). The caller knows it from the connection itself (an HTTP tunnel server proves itself with the
     * cluster's key), never from a field the client sent.
     */
    VirtualMediaPort attachVirtualEndpoint(String meetingId, String participantId, MediaType mediaType,
            Instant credentialsIssuedAt, boolean receiveOnly, VirtualPath path, VirtualMediaSink sink);

    /** The path of this server a virtual endpoint's media arrives on. */
    enum VirtualPath {
        /** WebSocket over TLS 443 from the client itself. */
        WEBSOCKET,
        /** An HTTP tunnel server of this deployment relaying for a client. */
        TUNNEL
    }

    /** What the relay holds in memory now (open meetings, bindings, remembered closes). */
    RelayOccupancy occupancy();

    /** Packets and bytes in, out and dropped by reason, for the whole relay. */
    RelayStatistics statistics();

    /** The same for one open meeting. */
    Optional<RelayStatistics> statistics(String meetingId);

    /**
     * Forwarded media per media type since the relay started (packets and bytes in and out; drops are counted per
     * reason in {@link #statistics()} only, since most happen before a packet's media type is known).
     */
    java.util.Map<MediaType, RelayStatistics> statisticsByMediaType();

    /**
     * Issue 23: media that crossed this relay's cascade links since it started, per media type (packets from links, and
     * copies into links: one per link and packet).
     */
    java.util.Map<MediaType, CascadeTraffic> cascadeTraffic();

    /**
     * The media connections bound now, per media type and transport (every combination, zeros included): they follow
     * the relay's bindings, so a connection that moved to UDP counts under UDP from the moment it rebound.
     */
    java.util.List<MediaBindingCount> bindings();

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

        /**
         * The relay unbound the endpoint: revoked ({@code "credentials revoked"}), {@code "meeting closed"},
         * {@code "replaced by a new binding"} or {@code "relay stopped"}. No packet follows; end the participant's
         * transport now (a WebSocket: close it with 1008 and this reason), so that it stops receiving at once. Called
         * once, on the thread that unbound it; not when the owner closes the port itself. Must not block.
         */
        default void closed(String reason) {
        }
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
