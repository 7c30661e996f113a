package org.confero.cascade;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.confero.client.media.MediaConnector;
import org.confero.client.media.MediaOutcome;
import org.confero.client.media.Transport;
import org.confero.media.api.MediaConnection;
import org.confero.mmr.LocalRelay;
import org.confero.protocol.media.CascadeLink;
import org.confero.protocol.media.MediaToken;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView;
import org.confero.router.MediaKeys;
import org.confero.router.RouterLoad;

/**
 * A meeting's link to one peer router: one {@link RouterLink} per media type, all up or none. The link binds on the
 * peer's relay over UDP 8801, or TCP 8801 where UDP between the routers is blocked — never WebSocket: routers of one
 * cluster reach each other's media ports.
 */
final class MeetingLink implements AutoCloseable {

    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);
    private static final List<Transport> PLAN = List.of(Transport.UDP, Transport.TCP);
    private static final Map<Transport, Duration> TIMEOUTS = Map.of(Transport.UDP, Duration.ofSeconds(1), Transport.TCP,
            Duration.ofSeconds(2));
    /** Router links carry every media type; DSCP as the relay marks each type towards clients. */
    private static final Map<MediaType, Integer> DSCP = Map.of(MediaType.AUDIO, 56, MediaType.VIDEO, 40,
            MediaType.CONTENT, 40);

    private final Map<MediaType, RouterLink> types;

    private MeetingLink(Map<MediaType, RouterLink> types) {
        this.types = types;
    }

    static MeetingLink dial(String meetingId, String self, RouterLoad peer, MediaKeys keys)
            throws LinkFailedException, InterruptedException {
        // Dialers for UDP and TCP only, so no HTTP client is needed.
        MediaConnector connector = new MediaConnector(MediaConnector.standardDialers(null, DSCP::get), TIMEOUTS::get);
        AssignmentView.MediaEndpoints endpoints = new AssignmentView.MediaEndpoints(peer.mediaHost(), peer.udpPort(),
                peer.tcpPort(), null);
        Instant now = Instant.now();
        Map<MediaType, RouterLink> wired = new EnumMap<>(MediaType.class);
        try {
            for (MediaType type : MediaType.values()) {
                MediaOutcome outcome = connector.connect(PLAN, endpoints, keys.issue(new MediaToken(meetingId,
                        CascadeLink.participantId(self), type, now, now.plus(TOKEN_LIFETIME))), type);
                if (outcome.connection().isEmpty()) {
                    throw new LinkFailedException(type + ": " + outcome.attempts());
                }
                wired.put(type, attach(meetingId, peer.node(), type, outcome.connection().get()));
            }
            return new MeetingLink(wired);
        } catch (LinkFailedException | InterruptedException | RuntimeException e) {
            wired.values().forEach(RouterLink::close);
            throw e;
        }
    }

    private static RouterLink attach(String meetingId, String peer, MediaType type,
            org.confero.client.media.MediaConnection toPeer) throws LinkFailedException {
        try (MediaConnection relay = LocalRelay.connect()) {
            // No credentials to check: linking is this router's own decision, so it counts as issued now. The relay
            // still refuses it while the meeting is closed here (AttachRefusedException, an IllegalStateException).
            return RouterLink.wire(toPeer, sink -> relay.attachVirtualEndpoint(meetingId,
                    CascadeLink.participantId(peer), type, Instant.now(), sink));
        } catch (LocalRelay.Unavailable | IllegalStateException | IllegalArgumentException e) {
            toPeer.close();
            throw new LinkFailedException("this relay cannot attach the link: " + e.getMessage());
        }
    }

    boolean isUp() {
        return types.values().stream().allMatch(RouterLink::isUp);
    }

    /** The transport of each media type, for the log. */
    String transports() {
        return types.entrySet().stream().map(e -> e.getKey().name().toLowerCase() + " " + e.getValue().transport())
                .collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (RouterLink link : types.values()) {
            try {
                link.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            org.jboss.logging.Logger.getLogger(MeetingLink.class).debugf("Closing a cascade link: %s", failures);
        }
    }
}
