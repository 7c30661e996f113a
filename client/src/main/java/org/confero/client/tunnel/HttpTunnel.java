package org.confero.client.tunnel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.json.Json;

import org.confero.client.Admission;
import org.confero.client.ConnectionFailedException;
import org.confero.client.ConnectionListener;
import org.confero.client.MeetingSession;
import org.confero.client.Phase;
import org.confero.client.TunnelFallback;
import org.confero.client.assign.AssignmentParser;
import org.confero.client.control.ControlListener;
import org.confero.client.control.ControlSession;
import org.confero.client.media.MediaConnection;
import org.confero.client.media.MediaConnector;
import org.confero.client.media.MediaOutcome;
import org.confero.client.media.RefreshingConnector;
import org.confero.client.media.Transport;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView;
import org.confero.protocol.rest.JoinInfoView;
import org.confero.protocol.rest.JoinInfoView.RankedZoneView;
import org.confero.protocol.rest.TunnelView;

/**
 * The tunnel fallback (ARCHITECTURE.md, special cases): ping every tunnel of the lookup, take the first to answer, and
 * run assignment (the zone controllers in the lookup's order), the control channel, the waiting room if the meeting has
 * one, and one WebSocket media channel per media type through it — bound with the credentials the control channel hands
 * out, as on a direct join. Reported to the listener as phase {@link Phase#TUNNEL}, then the usual phases.
 * <p>
 * A tunnelled session does not follow a router that dies: its control channel resumes at the same router only
 * ({@link org.confero.client.control.Relocation#NONE}) and its media is not reconnected, as before router failover.
 */
public final class HttpTunnel implements TunnelFallback {

    private final HttpClient http;
    private final Duration pingTimeout;
    private final Duration timeout;
    private final Duration keepAlive;
    private final Duration mediaTimeout;
    private final Duration admissionTimeout;
    private final UnaryOperator<String> rewrite;

    /** {@code admissionTimeout}: how long to wait in a waiting room ({@code ClientOptions.admissionTimeout()}). */
    public HttpTunnel(HttpClient http, Duration pingTimeout, Duration timeout, Duration keepAlive,
            Duration mediaTimeout, Duration admissionTimeout, UnaryOperator<String> rewrite) {
        this.http = http;
        this.pingTimeout = pingTimeout;
        this.timeout = timeout;
        this.keepAlive = keepAlive;
        this.mediaTimeout = mediaTimeout;
        this.admissionTimeout = admissionTimeout;
        this.rewrite = rewrite;
    }

    @Override
    public Optional<MeetingSession> connect(JoinInfoView info, ConnectionListener listener, ControlListener control)
            throws IOException, InterruptedException {
        if (info.tunnels().isEmpty()) {
            return Optional.empty();
        }
        listener.phaseStarted(Phase.TUNNEL);
        List<String> urls = info.tunnels().stream().map(TunnelView::url).map(rewrite).toList();
        Optional<String> first = new TunnelRace(http, pingTimeout).first(urls);
        if (first.isEmpty()) {
            listener.phaseFailed(Phase.TUNNEL, "no tunnel answered within " + pingTimeout.toMillis() + " ms");
            return Optional.empty();
        }
        TunnelConnection tunnel;
        try {
            tunnel = TunnelConnection.open(http, URI.create(first.get()), info.joinToken(), timeout);
        } catch (IOException e) {
            listener.phaseFailed(Phase.TUNNEL, e.getMessage());
            return Optional.empty();
        }
        listener.phaseSucceeded(Phase.TUNNEL, "through " + first.get());
        try {
            AssignmentView assignment = assign(tunnel, info, listener);
            ControlSession session = openControl(tunnel, info, assignment, listener, control);
            try {
                Admission.await(session, admissionTimeout, listener);
                Map<MediaType, MediaConnection> media = connectMedia(tunnel, info, assignment, session, listener);
                return Optional.of(new MeetingSession(info, assignment, session, media, tunnel));
            } catch (IOException | InterruptedException | RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            tunnel.close();
            throw e;
        }
    }

    private AssignmentView assign(TunnelConnection tunnel, JoinInfoView info, ConnectionListener listener)
            throws IOException, InterruptedException {
        listener.phaseStarted(Phase.ASSIGNMENT);
        String body = Json.createObjectBuilder().add("joinToken", info.joinToken()).build().toString();
        String last = "no zone controller listed";
        for (RankedZoneView zone : info.zones()) {
            for (String controller : zone.controllerUrls()) {
                try {
                    AssignmentView a = AssignmentParser
                            .parse(tunnel.postJson(URI.create(rewrite.apply(controller) + "/assign"), body), rewrite);
                    listener.phaseSucceeded(Phase.ASSIGNMENT,
                            "router " + a.router() + " of zone " + a.zone() + " (" + a.reason() + "), via the tunnel");
                    return a;
                } catch (IOException e) {
                    last = controller + ": " + e.getMessage();
                }
            }
        }
        listener.phaseFailed(Phase.ASSIGNMENT, last);
        throw new ConnectionFailedException(Phase.ASSIGNMENT, last, info.webClientUrl());
    }

    private ControlSession openControl(TunnelConnection tunnel, JoinInfoView info, AssignmentView assignment,
            ConnectionListener listener, ControlListener control) throws IOException, InterruptedException {
        listener.phaseStarted(Phase.CONTROL);
        try {
            ControlSession session = ControlSession.join(tunnel.opener(), URI.create(assignment.controlUrl()),
                    assignment.meetingId(), info.joinToken(), control, timeout, keepAlive);
            listener.phaseSucceeded(Phase.CONTROL,
                    session.welcome().getString("type", "") + " as " + session.participantId() + ", via the tunnel");
            return session;
        } catch (IOException e) {
            listener.phaseFailed(Phase.CONTROL, e.getMessage());
            throw new ConnectionFailedException(Phase.CONTROL, e.getMessage(), info.webClientUrl());
        }
    }

    /** WebSocket media through the tunnel, with the control session's credentials (fresh ones when refused). */
    private Map<MediaType, MediaConnection> connectMedia(TunnelConnection tunnel, JoinInfoView info,
            AssignmentView assignment, ControlSession session, ConnectionListener listener)
            throws IOException, InterruptedException {
        listener.phaseStarted(Phase.MEDIA);
        RefreshingConnector connector = new RefreshingConnector(
                new MediaConnector(MediaConnector.webSocketDialer(tunnel.opener()), t -> mediaTimeout));
        Map<MediaType, MediaConnection> connected = new EnumMap<>(MediaType.class);
        List<String> summary = new ArrayList<>();
        for (MediaType type : MediaType.values()) {
            MediaOutcome outcome = connector.connect(List.of(Transport.WEBSOCKET), assignment.media(), type, session);
            if (outcome.attempts().isEmpty()) {
                continue; // the router offers no credentials for this media type
            }
            listener.mediaConnected(outcome);
            outcome.connection().ifPresent(c -> connected.put(type, c));
            summary.add(type.name().toLowerCase(Locale.ROOT) + " "
                    + (outcome.connection().isPresent() ? "tunnel" : "none"));
        }
        if (connected.isEmpty()) {
            listener.phaseFailed(Phase.MEDIA, String.join(", ", summary));
            throw new ConnectionFailedException(Phase.MEDIA, "no media through the tunnel", info.webClientUrl());
        }
        listener.phaseSucceeded(Phase.MEDIA, String.join(", ", summary));
        return connected;
    }
}
