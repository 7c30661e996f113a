package org.confero.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.confero.client.admin.ApiCredentials;
import org.confero.client.admin.MeetingsClient;
import org.confero.client.assign.RouterAssignment;
import org.confero.client.control.ControlListener;
import org.confero.client.control.NotAdmittedException;
import org.confero.client.http.HttpTransport;
import org.confero.client.http.IoReasons;
import org.confero.client.http.ProblemException;
import org.confero.client.http.TlsTrust;
import org.confero.client.http.UrlRewrite;
import org.confero.client.lookup.MeetingLookup;
import org.confero.client.servers.ServerDirectory;
import org.confero.client.servers.ServerFailover;
import org.confero.client.servers.ServerListStore;
import org.confero.client.servers.ServerList;
import org.confero.client.media.HeadStart;
import org.confero.client.media.MediaConnector;
import org.confero.client.media.MediaDialer;
import org.confero.client.media.RefreshingConnector;
import org.confero.client.media.Transport;
import org.confero.client.media.TransportPlan;
import org.confero.client.nettest.NetworkTest;
import org.confero.client.tunnel.HttpTunnel;
import org.confero.client.ws.JdkWebSockets;
import org.confero.client.zone.ProbeResult;
import org.confero.client.zone.ZoneChoice;
import org.confero.client.zone.ZoneProber;
import org.confero.protocol.rest.AssignmentView;
import org.confero.protocol.rest.JoinInfoView;
import org.confero.protocol.rest.JoinInfoView.RankedZoneView;

/**
 * Joins meetings the way a desktop client does: lookup → zone selection → router assignment → control channel → the
 * waiting room, if the meeting has one → media (audio, video, content) with the credentials the control channel hands
 * out, each phase reported to the {@link ConnectionListener}. One instance holds one HTTP client and its small thread
 * pool; it can join several meetings and is closed when the application ends.
 * <p>
 * A meeting joined directly follows its router's death: the zone controllers of the join (best first) name another
 * router, the control channel resumes there and the media reconnects ({@link ConnectionListener#relocated}). Through an
 * HTTP tunnel a session stays with its router.
 */
public final class ConferoClient implements AutoCloseable {

    private static final int HTTP_THREADS = 8;
    /** A UDP upgrade's try: on a path that works the binding takes two round trips, far less than this. */
    private static final java.time.Duration UDP_PROBE_TIMEOUT = java.time.Duration.ofSeconds(1);

    private final ClientOptions options;
    private final ConnectionListener listener;
    /** Issue 22: the join's phase durations and the call quality, reported to the router. */
    private final org.confero.client.quality.PhaseTimings timings;
    private volatile String qualityClientKind = "java";
    private volatile java.time.Duration qualityInterval = java.time.Duration.ofSeconds(5);
    private final TunnelFallback tunnel;
    private final ExecutorService executor;
    private final HttpClient http;
    private final UnaryOperator<String> rewrite;
    private final java.util.concurrent.ConcurrentMap<URI, ServerFailover> deployments = new java.util.concurrent.ConcurrentHashMap<>();
    /** Issue 23: the stage passes of the webinars this client was promoted in, presented when it joins them again. */
    private final StagePassBook stagePasses = new StagePassBook(100);

    /** With the HTTP tunnel fallback ({@link HttpTunnel}) unless the options turn tunnels off. */
    public ConferoClient(ClientOptions options, ConnectionListener listener) throws IOException {
        this(options, listener, null);
    }

    public ConferoClient(ClientOptions options, ConnectionListener listener, TunnelFallback tunnel) throws IOException {
        this.options = options;
        this.timings = new org.confero.client.quality.PhaseTimings(listener);
        this.listener = timings;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(HTTP_THREADS, r -> {
            Thread t = new Thread(r, "confero-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        char[] password = options.trustStorePassword();
        this.http = HttpTransport.client(
                TlsTrust.context(options.trustAllCertificates(), options.trustStore(), password), options.proxy(),
                options.httpTimeout(), executor);
        java.util.Arrays.fill(password, '\0');
        List<UrlRewrite> rules = options.rewrites();
        this.rewrite = url -> UrlRewrite.apply(rules, url);
        this.tunnel = tunnel != null ? tunnel : options.tunnels()
                ? new HttpTunnel(http, options.tunnelPingTimeout(), options.httpTimeout(), options.keepAliveInterval(),
                        options.timeout(Transport.WEBSOCKET), options.admissionTimeout(), rewrite)
                : TunnelFallback.NONE;
    }

    public MeetingSession join(URI server, String meetingId, String name, String passcode)
            throws IOException, InterruptedException {
        return join(server, meetingId, name, passcode, message -> {
        });
    }

    /**
     * Returns once media connected — after a host admitted us, when the meeting has a waiting room (phase
     * {@link Phase#ADMISSION}, at most {@link ClientOptions#admissionTimeout()}).
     *
     * @throws ProblemException
     *             the server refused the lookup (wrong passcode, unknown or ended meeting)
     * @throws NotAdmittedException
     *             the router kept us in the waiting room: removed, the meeting ended, no admission in time, or the
     *             control connection lost while waiting
     * @throws ConnectionFailedException
     *             nothing after the lookup connected; carries the web client URL
     */
    public MeetingSession join(URI server, String meetingId, String name, String passcode, ControlListener control)
            throws IOException, InterruptedException {
        timings.start();
        MeetingSession session = connect(server, meetingId, name, passcode, control);
        org.confero.client.quality.QualityReporter reporter = new org.confero.client.quality.QualityReporter(
                session.control()::send, session::media, qualityClientKind, qualityInterval);
        reporter.joinCompleted(timings.seconds());
        session.reportQualityWith(reporter);
        return session;
    }

    /**
     * How later joins report call quality to the router: as which kind of client ({@code java}, {@code cli},
     * {@code web}) and how often (default {@code java}, every 5 s).
     */
    public ConferoClient reportQuality(String clientKind, java.time.Duration interval) {
        this.qualityClientKind = java.util.Objects.requireNonNull(clientKind, "clientKind");
        this.qualityInterval = java.util.Objects.requireNonNull(interval, "interval");
        return this;
    }

    private MeetingSession connect(URI server, String meetingId, String name, String passcode, ControlListener control)
            throws IOException, InterruptedException {
        JoinInfoView info = lookup(server, meetingId, name, passcode);
        List<ProbeResult> ranked = selectZone(info);
        if (ranked.isEmpty()) {
            Optional<MeetingSession> tunnelled = tunnel.connect(info, listener, control);
            if (tunnelled.isPresent()) {
                return tunnelled.get();
            }
            throw new ConnectionFailedException(Phase.ZONE_SELECTION, "no zone controller answered",
                    info.webClientUrl());
        }
        RouterAssignment assigner = new RouterAssignment(http, options.httpTimeout(), rewrite);
        AssignmentView assignment = assign(assigner, info, ranked);
        boolean proxied = options.proxy().map(p -> p.appliesTo(assignment.media().host())).orElse(false);
        List<Transport> plan = TransportPlan.order(options.transports(), proxied);
        // The race's head start follows the round trip just measured to the best zone controller (HeadStart).
        Map<Transport, MediaDialer> dialers = MediaConnector.standardDialers(http, options::dscp);
        RefreshingConnector connector = new RefreshingConnector(new MediaConnector(dialers, options::timeout,
                HeadStart.fromRoundTrip(ranked.get(0).medianRttMillis())));
        RefreshingConnector udpProbe = new RefreshingConnector(
                new MediaConnector(Map.of(Transport.UDP, dialers.get(Transport.UDP)), t -> UDP_PROBE_TIMEOUT));
        MediaHandover handover = new MediaHandover(connector, plan, listener);
        RouterFailover failover = new RouterFailover(assigner::assign,
                ranked.stream().map(ProbeResult::controllerUrl).toList(), info.joinToken(), assignment, handover,
                listener);
        return new MeetingEntry(JdkWebSockets.opener(http), options, listener, connector, plan, proxied,
                Optional.of(udpProbe), stagePasses).enter(info, assignment, failover, handover, control);
    }

    private JoinInfoView lookup(URI server, String meetingId, String name, String passcode)
            throws IOException, InterruptedException {
        listener.phaseStarted(Phase.LOOKUP);
        try {
            ServerFailover servers = servers(server);
            MeetingLookup lookup = new MeetingLookup(http, options.httpTimeout(), options.panelistCode());
            JoinInfoView info = servers
                    .call(base -> lookup.lookup(base, meetingId, name, Optional.ofNullable(passcode)));
            servers.learnOnce(new ServerDirectory(http, options.httpTimeout()));
            listener.phaseSucceeded(Phase.LOOKUP, "meeting " + meetingId + ", " + info.zones().size() + " zone(s), "
                    + info.tunnels().size() + " tunnel(s)");
            return info;
        } catch (ProblemException e) {
            // The server answered: this is the user's problem to fix (passcode, number), not a connectivity failure.
            listener.phaseFailed(Phase.LOOKUP, e.getMessage());
            throw e;
        } catch (IOException e) {
            String reason = IoReasons.describe(e);
            listener.phaseFailed(Phase.LOOKUP, reason);
            throw new ConnectionFailedException(Phase.LOOKUP, reason, null);
        }
    }

    private List<ProbeResult> selectZone(JoinInfoView info) throws InterruptedException {
        listener.phaseStarted(Phase.ZONE_SELECTION);
        List<ProbeResult> measured = probeZones(info.zones());
        listener.zonesProbed(measured);
        List<ProbeResult> ranked = ZoneChoice.ranked(measured);
        if (ranked.isEmpty()) {
            listener.phaseFailed(Phase.ZONE_SELECTION,
                    "no zone controller answered within " + options.zoneSelectionTimeout().toMillis() + " ms");
        } else {
            listener.phaseSucceeded(Phase.ZONE_SELECTION, ranked.get(0).toString());
        }
        return ranked;
    }

    /** Best controller first; a controller that fails to assign hands over to the next one. */
    private AssignmentView assign(RouterAssignment assigner, JoinInfoView info, List<ProbeResult> ranked)
            throws IOException, InterruptedException {
        listener.phaseStarted(Phase.ASSIGNMENT);
        String last = "no controller";
        for (ProbeResult controller : ranked) {
            try {
                AssignmentView assignment = assigner.assign(controller.controllerUrl(), info.joinToken());
                listener.phaseSucceeded(Phase.ASSIGNMENT, "router " + assignment.router() + " of zone "
                        + assignment.zone() + " (" + assignment.reason() + ")");
                return assignment;
            } catch (IOException e) {
                last = controller.controllerUrl() + ": " + e.getMessage();
            }
        }
        listener.phaseFailed(Phase.ASSIGNMENT, last);
        throw new ConnectionFailedException(Phase.ASSIGNMENT, last, info.webClientUrl());
    }

    /**
     * How calls to the deployment of {@code server} fail over (the lookup uses it; so can any other HTTP client of the
     * deployment): one per server URL and client, which learns the deployment's list from its first lookup.
     */
    public ServerFailover servers(URI server) {
        ServerListStore store = options.serverListDirectory().map(ServerListStore::in).orElse(ServerListStore.none());
        return deployments.computeIfAbsent(ServerList.base(server), base -> new ServerFailover(base, store));
    }

    /** The meetings REST API of {@code server}'s deployment, with this client's TLS trust, proxy and failover. */
    public MeetingsClient meetings(URI server, ApiCredentials credentials) {
        return new MeetingsClient(http, servers(server), new ServerDirectory(http, options.httpTimeout()), credentials,
                options.httpTimeout());
    }

    /** The backups REST API of {@code server}'s deployment (admins), with this client's TLS trust, proxy, failover. */
    public org.confero.client.admin.BackupsClient backups(URI server, ApiCredentials credentials) {
        return new org.confero.client.admin.BackupsClient(http, servers(server),
                new ServerDirectory(http, options.httpTimeout()), credentials, options.httpTimeout());
    }

    /** The network test against any deployment, with this client's TLS trust, proxy and timeouts. */
    public NetworkTest networkTest() {
        return new NetworkTest(http, options.httpTimeout(), rewrite,
                MediaConnector.standardDialers(http, options::dscp), options::timeout);
    }

    /** Probes every controller of {@code zones} as zone selection does; best first, silent controllers last. */
    public List<ProbeResult> probeZones(List<RankedZoneView> zones) throws InterruptedException {
        return ZoneChoice.ordered(new ZoneProber(http, options.probesPerController(), options.probeTimeout(),
                options.zoneSelectionTimeout(), rewrite).probe(zones));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
