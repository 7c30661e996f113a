package org.confero.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.confero.client.control.ControlListener;
import org.confero.client.control.ControlSession;
import org.confero.client.media.MediaConnection;
import org.confero.client.media.MediaOutcome;
import org.confero.client.media.RefreshingConnector;
import org.confero.client.media.Transport;
import org.confero.client.ws.ChannelOpener;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView;
import org.confero.protocol.rest.JoinInfoView;

/**
 * A direct join once a router is assigned: the control channel, the waiting room when the meeting has one
 * ({@link Admission}), then one media connection per media type with the credentials the control channel handed out
 * (the assignment carries none). Nothing binds media before the router admitted the participant.
 */
final class MeetingEntry {

    private final ChannelOpener opener;
    private final ClientOptions options;
    private final ConnectionListener listener;
    private final RefreshingConnector connector;
    private final List<Transport> plan;
    private final boolean proxied;
    private final Optional<RefreshingConnector> udpProbe;
    private final StagePassBook stagePasses;

    /** The replaced connection of an upgraded media type keeps receiving this long: what was already on its way. */
    static final Duration UPGRADE_OVERLAP = Duration.ofSeconds(1);

    /** {@code plan}: the transports media tries, in order; {@code proxied}: a proxy cut it down to WebSocket. */
    MeetingEntry(ChannelOpener opener, ClientOptions options, ConnectionListener listener,
            RefreshingConnector connector, List<Transport> plan, boolean proxied) {
        this(opener, options, listener, connector, plan, proxied, Optional.empty());
    }

    /**
     * {@code udpProbe}: a connector for the UDP upgrade ({@link UdpUpgrade}); empty, or UDP not planned: no upgrade.
     */
    MeetingEntry(ChannelOpener opener, ClientOptions options, ConnectionListener listener,
            RefreshingConnector connector, List<Transport> plan, boolean proxied,
            Optional<RefreshingConnector> udpProbe) {
        this(opener, options, listener, connector, plan, proxied, udpProbe, new StagePassBook(1));
    }

    /** {@code stagePasses}: the client's webinar stage passes, presented at the join and kept from promotions. */
    MeetingEntry(ChannelOpener opener, ClientOptions options, ConnectionListener listener,
            RefreshingConnector connector, List<Transport> plan, boolean proxied,
            Optional<RefreshingConnector> udpProbe, StagePassBook stagePasses) {
        this.stagePasses = stagePasses;
        this.opener = opener;
        this.options = options;
        this.listener = listener;
        this.connector = connector;
        this.plan = List.copyOf(plan);
        this.proxied = proxied;
        this.udpProbe = udpProbe.filter(p -> plan.contains(Transport.UDP) && options.udpUpgradeInterval().isPresent());
    }

    /**
     * @throws org.confero.client.control.NotAdmittedException
     *             the router kept the participant in the waiting room and did not let it in
     * @throws ConnectionFailedException
     *             the control channel or every media type failed to connect
     */
    MeetingSession enter(JoinInfoView info, AssignmentView assignment, RouterFailover failover, MediaHandover handover,
            ControlListener control) throws IOException, InterruptedException {
        String meetingId = info.meeting() != null ? info.meeting().id() : assignment.meetingId();
        RoleRebind roles = new RoleRebind(control, listener, UPGRADE_OVERLAP,
                (canSend, pass) -> stagePasses.roleChanged(meetingId, canSend, pass));
        ControlSession session = openControl(info, assignment, roles, failover);
        try {
            Admission.await(session, options.admissionTimeout(), listener);
            Map<MediaType, MediaConnection> media = connectMedia(info, assignment, session);
            Map<MediaType, MediaConnection> carried = handover.carry(media);
            UdpUpgrade upgrade = udpProbe
                    .map(probe -> new UdpUpgrade(handover, probe, failover::assignment, session,
                            options.udpUpgradeInterval().orElseThrow(), UPGRADE_OVERLAP, listener).start())
                    .orElse(null);
            MeetingSession joined = new MeetingSession(info, failover::assignment, session, carried, upgrade);
            joined.followRoles(roles.start(session.welcome(), handover, connector, failover::assignment, session));
            return joined;
        } catch (IOException | InterruptedException | RuntimeException e) {
            roles.close();
            // Closing the channel also takes a waiting participant out of the waiting room.
            session.close();
            throw e;
        }
    }

    /** The control channel, which moves to another router through {@code failover} when its router dies. */
    private ControlSession openControl(JoinInfoView info, AssignmentView assignment, ControlListener control,
            RouterFailover failover) throws IOException, InterruptedException {
        listener.phaseStarted(Phase.CONTROL);
        try {
            String meetingId = info.meeting() != null ? info.meeting().id() : assignment.meetingId();
            ControlSession session = ControlSession.join(opener, URI.create(assignment.controlUrl()), meetingId,
                    info.joinToken(), stagePasses.get(meetingId), control, options.httpTimeout(),
                    options.keepAliveInterval(), failover);
            listener.phaseSucceeded(Phase.CONTROL,
                    session.welcome().getString("type", "") + " as " + session.participantId());
            return session;
        } catch (IOException | IllegalArgumentException e) {
            listener.phaseFailed(Phase.CONTROL, e.getMessage());
            throw new ConnectionFailedException(Phase.CONTROL, String.valueOf(e.getMessage()), info.webClientUrl());
        }
    }

    private Map<MediaType, MediaConnection> connectMedia(JoinInfoView info, AssignmentView assignment,
            ControlSession session) throws IOException, InterruptedException {
        listener.phaseStarted(Phase.MEDIA);
        List<Transport> left = plan;
        Map<MediaType, MediaConnection> connected = new EnumMap<>(MediaType.class);
        Map<MediaType, String> summary = new EnumMap<>(MediaType.class);
        try {
            for (MediaType type : MediaType.values()) {
                MediaOutcome outcome = connector.connect(left, assignment.media(), type, session);
                listener.mediaConnected(outcome);
                if (outcome.connection().isPresent()) {
                    connected.put(type, outcome.connection().get());
                    // What failed for one media type fails for the next on the same path: start where this one
                    // succeeded instead of waiting out the same timeouts again (a blocked UDP costs 2 s once, not 3×).
                    left = left.subList(left.indexOf(outcome.connection().get().transport()), left.size());
                }
                summary.put(type, outcome.connection().map(c -> c.transport().name()).orElse("none"));
            }
        } catch (InterruptedException | RuntimeException e) {
            connected.values().forEach(MediaConnection::close);
            throw e;
        }
        String line = summary.entrySet().stream()
                .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + e.getValue())
                .collect(Collectors.joining(", "));
        if (connected.isEmpty()) {
            listener.phaseFailed(Phase.MEDIA, line + (proxied ? " (proxy: WebSocket only)" : ""));
            throw new ConnectionFailedException(Phase.MEDIA, "no media transport connected (" + line + ")",
                    info.webClientUrl());
        }
        listener.phaseSucceeded(Phase.MEDIA, line);
        return connected;
    }
}
