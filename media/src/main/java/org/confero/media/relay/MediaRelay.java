package org.confero.media.relay;

import io.netty.util.concurrent.ScheduledFuture;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.confero.media.relay.transport.RelaySockets;
import org.confero.media.relay.transport.RelayTransport;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaToken;
import org.confero.protocol.media.MediaTokenSigner;
import org.confero.protocol.media.MediaType;
import org.jboss.logging.Logger;

/**
 * The media relay: what the JCA resource adapter drives. UDP and TCP on the media port into one SFU-style forwarder;
 * participants bind with a media token and a return-routability check (see {@code org.confero.protocol.media}) and
 * every packet of a bound participant goes unchanged to every other bound participant of the same meeting and media
 * type, whatever their transport.
 *
 * <p>
 * Life cycle: {@link #start} binds the ports and starts the event loops on the executor given at construction;
 * {@link #stop} unbinds everyone, releases every port and ends the loops, after which {@link #start} may be called
 * again. Meetings do not survive a stop. The other methods are thread-safe.
 */
public final class MediaRelay {

    private static final Logger LOG = Logger.getLogger(MediaRelay.class);
    /** How often revocations, closes and bind-rate windows that can no longer matter are forgotten. */
    private static final Duration HOUSEKEEPING_PERIOD = Duration.ofSeconds(10);

    private final RelayConfig config;
    private final MediaTokenSigner signer;
    private final Executor executor;
    private final RelayTransport transport;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final DscpClasses dscp;
    private final Counters total = new Counters();
    private final MediaTypeCounters byMediaType = new MediaTypeCounters();
    private final CascadeCounters cascade = new CascadeCounters();
    private final EndpointRegistry registry;
    private final PacketRouter router;

    private volatile RelaySockets sockets;
    private volatile RelaySnapshot.State state = RelaySnapshot.State.STOPPED;
    private volatile String detail = "not started";
    private ScheduledFuture<?> consent;
    private ScheduledFuture<?> housekeeping;

    /**
     * @param tokenKey
     *            the media token key shared with token issuers (at least 32 bytes; copied)
     * @param executor
     *            runs the event loops, one long-lived task each (the JCA layer passes its WorkManager)
     * @param listener
     *            receives binding events on relay threads; must not block
     */
    public MediaRelay(RelayConfig config, byte[] tokenKey, Executor executor, RelayListener listener) {
        this(config, tokenKey, executor, listener, RelayTransport.best(), Clock.systemUTC());
    }

    public MediaRelay(RelayConfig config, byte[] tokenKey, Executor executor, RelayListener listener,
            RelayTransport transport, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.signer = new MediaTokenSigner(tokenKey);
        this.executor = Objects.requireNonNull(executor, "executor");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dscp = new DscpClasses(config);
        this.registry = new EndpointRegistry(Objects.requireNonNull(listener, "listener"), config.bindsPerMinute());
        ReturnRoutability nonces = new ReturnRoutability(random, config.nonceLifetime().toSeconds());
        this.router = new PacketRouter(registry,
                new BindingService(signer, registry, nonces, dscp, total, clock, config.maxTokenLifetime()), total,
                config.maxPacketBytes(), byMediaType, cascade);
    }

    /** Binds the media ports. Throws IllegalStateException (and reports FAILED) when a port cannot be bound. */
    public synchronized void start() {
        if (state == RelaySnapshot.State.RUNNING) {
            return;
        }
        try {
            RelaySockets opened = RelaySockets.open(transport, config, dscp, executor, router);
            Duration tick = ConsentMonitor.tick(config.consentInterval(), config.consentTimeout());
            consent = opened.scheduler()
                    .scheduleAtFixedRate(
                            new ConsentMonitor(registry, opened.defaultUdp(), total, config.consentInterval(),
                                    config.consentTimeout(), random),
                            tick.toNanos(), tick.toNanos(), TimeUnit.NANOSECONDS);
            housekeeping = opened.scheduler().scheduleAtFixedRate(this::housekeeping, HOUSEKEEPING_PERIOD.toNanos(),
                    HOUSEKEEPING_PERIOD.toNanos(), TimeUnit.NANOSECONDS);
            sockets = opened;
            state = RelaySnapshot.State.RUNNING;
            detail = "udp " + opened.udpAddress() + " (" + opened.udpChannels().size() + " sockets), tcp "
                    + opened.tcpAddress() + ", " + transport.name();
            LOG.infof("Media relay started: %s", detail);
        } catch (RuntimeException e) {
            state = RelaySnapshot.State.FAILED;
            detail = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.errorf("Media relay failed to start: %s", detail);
            LOG.debug("Media relay start failure", e);
            throw e;
        }
    }

    /** Unbinds every participant, releases the ports and ends the event loops. */
    public synchronized void stop() {
        RelaySockets current = sockets;
        if (current == null) {
            return;
        }
        consent.cancel(false);
        housekeeping.cancel(false);
        registry.closeAll("relay stopped", clock.millis());
        sockets = null;
        current.close();
        state = RelaySnapshot.State.STOPPED;
        detail = "stopped";
        LOG.info("Media relay stopped");
    }

    /** Idempotent. Participants can bind to an open meeting only. */
    public void openMeeting(String meetingId) {
        checkId(meetingId);
        registry.open(meetingId);
    }

    /**
     * Unbinds every participant of the meeting (LEFT events; virtual endpoints' sinks are told) and forgets it.
     * Idempotent. Should it be opened again, tokens issued until now stay refused.
     */
    public void closeMeeting(String meetingId) {
        registry.close(meetingId, RelayEvent.MEETING_CLOSED, clock.millis());
    }

    /**
     * Credentials for one media connection of an open meeting: the token and the STUN password to hand to the client
     * over TLS. A token issued now outranks an earlier revocation of the participant and the meeting's previous close.
     * {@code ttl} must not exceed {@link RelayConfig#maxTokenLifetime()}: the relay would refuse the token.
     */
    public MediaCredentials admit(String meetingId, String participantId, MediaType mediaType, Duration ttl) {
        return admit(meetingId, participantId, mediaType, ttl, false);
    }

    /**
     * As {@link #admit(String, String, MediaType, Duration)}; with {@code receiveOnly} (issue 23: a webinar attendee)
     * the credentials bind a connection that receives the meeting's media while the relay drops everything it sends
     * ({@link DropReason#NOT_A_SENDER}). The flag is signed into the token.
     */
    public MediaCredentials admit(String meetingId, String participantId, MediaType mediaType, Duration ttl,
            boolean receiveOnly) {
        Meeting meeting = registry.meeting(meetingId)
                .orElseThrow(() -> new IllegalStateException("meeting " + meetingId + " is not open on this relay"));
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        if (ttl.compareTo(config.maxTokenLifetime()) > 0) {
            throw new IllegalArgumentException("ttl " + ttl + " exceeds the relay's maxTokenLifetime "
                    + config.maxTokenLifetime() + " (confero.media.token.max.lifetime.seconds)");
        }
        // Tokens issued at or before a revocation or close are refused; one issued in the same millisecond must not be.
        long issued = Math.max(clock.millis(), meeting.refusedUpTo(participantId) + 1);
        Instant issuedAt = Instant.ofEpochMilli(issued);
        return signer.credentials(
                new MediaToken(meetingId, participantId, mediaType, issuedAt, issuedAt.plus(ttl), receiveOnly));
    }

    /**
     * Stops forwarding to and from every connection of the participant at once, and refuses the tokens issued to it so
     * far.
     */
    public void revoke(String meetingId, String participantId) {
        registry.revoke(meetingId, participantId, clock.millis());
    }

    /**
     * Attaches a virtual endpoint (media over WebSocket, HTTP tunnel, cascade link) for a participant of an open
     * meeting; it replaces the participant's current connection of that media type, like a rebinding.
     *
     * <p>
     * The caller verified the participant's credentials; {@code credentialsIssuedAt} is their issue time (a cascade
     * link, the router's own decision, passes now). They are refused exactly as a UDP or TCP binding with them would be
     * (issue 18): issued at or before the participant's revocation or the meeting's close, older than the longest token
     * lifetime, or over the participant's bind rate. A refusal throws {@link VirtualEndpointRefusedException} and is
     * counted as one inbound drop of 0 bytes for its reason.
     */
    public VirtualEndpointHandle attachVirtualEndpoint(String meetingId, String participantId, MediaType mediaType,
            Instant credentialsIssuedAt, VirtualSink sink) {
        return attachVirtualEndpoint(meetingId, participantId, mediaType, credentialsIssuedAt, false, sink);
    }

    /** As above; {@code receiveOnly} is the verified credentials' flag (issue 23): nothing it sends is forwarded. */
    public VirtualEndpointHandle attachVirtualEndpoint(String meetingId, String participantId, MediaType mediaType,
            Instant credentialsIssuedAt, boolean receiveOnly, VirtualSink sink) {
        return attachVirtualEndpoint(meetingId, participantId, mediaType, credentialsIssuedAt, receiveOnly,
                VirtualVia.WEBSOCKET, sink);
    }

    /**
     * As above; {@code via} is the path of this server that carries it (issue 22: counted as {@code tunnel} or
     * {@code websocket}), which the caller knows from the connection, never from the client's word.
     */
    public VirtualEndpointHandle attachVirtualEndpoint(String meetingId, String participantId, MediaType mediaType,
            Instant credentialsIssuedAt, boolean receiveOnly, VirtualVia via, VirtualSink sink) {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(via, "via");
        RelaySockets current = sockets;
        if (current == null) {
            throw new IllegalStateException("the relay is not running");
        }
        long now = clock.millis();
        long issued = credentialsIssuedAt.toEpochMilli();
        Optional<Meeting> open = registry.meeting(meetingId);
        if (open.isEmpty()) {
            throw refused(null, registry.wasClosed(meetingId) ? DropReason.MEETING_CLOSED : DropReason.UNKNOWN_MEETING,
                    "meeting " + meetingId + " is not open on this relay");
        }
        Meeting meeting = open.get();
        if (issued <= now - config.maxTokenLifetime().toMillis()) {
            // Revocations this old are forgotten (see Meeting.prune): credentials this old must not bind at all.
            throw refused(meeting, DropReason.EXPIRED_TOKEN, "credentials older than the longest token lifetime");
        }
        VirtualEndpoint endpoint = new VirtualEndpoint(meeting, participantId, mediaType, via, sink);
        endpoint.receiveOnly = receiveOnly;
        Optional<DropReason> refusal = registry.bind(endpoint, issued, now);
        if (refusal.isPresent()) {
            throw refused(meeting, refusal.get(), participantId + " may not attach to " + meetingId);
        }
        return new VirtualEndpointHandle(endpoint, router, registry, current.allocator(),
                new FanOut(current.defaultUdp(), current.allocator()));
    }

    /** An attach is a virtual endpoint's binding request: refused, it counts as one (empty) inbound drop. */
    private VirtualEndpointRefusedException refused(Meeting meeting, DropReason reason, String message) {
        if (meeting != null) {
            meeting.counters.received(0);
            meeting.counters.dropped(reason, 1, 0);
        }
        total.received(0);
        total.dropped(reason, 1, 0);
        return new VirtualEndpointRefusedException(reason, message + " (" + reason + ")");
    }

    /** Forgets what can no longer refuse an unexpired token, and expired bind-rate windows (issue 18: bounded). */
    /** For tests in this package: the membership state behind the relay. */
    EndpointRegistry registryForTest() {
        return registry;
    }

    void housekeeping() {
        long now = clock.millis();
        registry.prune(now - config.maxTokenLifetime().toMillis(), now);
        registry.releaseRetired(now);
    }

    public RelaySnapshot status() {
        RelaySockets current = sockets;
        int endpoints = 0;
        for (Meeting meeting : registry.meetings()) {
            endpoints += meeting.endpointCount();
        }
        return new RelaySnapshot(state, detail, transport.name(),
                Optional.ofNullable(current).map(RelaySockets::udpAddress),
                Optional.ofNullable(current).map(RelaySockets::tcpAddress),
                current == null ? 0 : current.udpChannels().size(), registry.meetings().size(), endpoints,
                total.snapshot());
    }

    /** What the relay holds now: open meetings, bound endpoints, UDP addresses indexed, closes remembered. */
    public org.confero.media.api.RelayOccupancy occupancy() {
        int endpoints = 0;
        for (Meeting meeting : registry.meetings()) {
            endpoints += meeting.endpointCount();
        }
        return new org.confero.media.api.RelayOccupancy(registry.meetings().size(), endpoints, registry.udpCount(),
                registry.closedMeetingCount());
    }

    public CounterSnapshot counters() {
        return total.snapshot();
    }

    /** Forwarded media per media type since the relay was created (issue 22). */
    public java.util.Map<org.confero.protocol.media.MediaType, CounterSnapshot> countersByMediaType() {
        return byMediaType.snapshot();
    }

    /** Issue 23: media that crossed this relay's cascade links since it was created, per media type. */
    public java.util.Map<org.confero.protocol.media.MediaType, org.confero.media.api.CascadeTraffic> cascadeTraffic() {
        return cascade.snapshot();
    }

    /**
     * The bound endpoints now, counted by media type and transport: what the relay forwards to at this moment, so a
     * binding that moved from TCP or WebSocket to UDP counts under UDP as soon as the relay rebound it.
     */
    public BindingCensus bindings() {
        BindingCensus census = new BindingCensus();
        for (Meeting meeting : registry.meetings()) {
            // Lock-free like endpointCount(): the groups' member arrays are copy-on-write.
            for (Endpoint endpoint : meeting.endpoints(null)) {
                census.add(endpoint);
            }
        }
        return census;
    }

    public Optional<CounterSnapshot> counters(String meetingId) {
        return registry.meeting(meetingId).map(m -> m.counters.snapshot());
    }

    public RelayConfig config() {
        return config;
    }

    /** The packet entry point, for tests that feed packets without sockets. */
    PacketRouter router() {
        return router;
    }

    /** The live sockets, for tests that inspect them. */
    Optional<RelaySockets> sockets() {
        return Optional.ofNullable(sockets);
    }

    EndpointRegistry registry() {
        return registry;
    }

    DscpClasses dscpClasses() {
        return dscp;
    }

    private static void checkId(String id) {
        if (id == null || id.isEmpty()
                || id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MediaToken.MAX_ID_BYTES) {
            throw new IllegalArgumentException("a meeting id has 1 to " + MediaToken.MAX_ID_BYTES + " UTF-8 bytes");
        }
    }
}
