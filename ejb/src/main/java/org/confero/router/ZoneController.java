package org.confero.router;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.confero.common.ServerIdentity;
import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.confero.lookup.LookupServices;
import org.confero.protocol.join.JoinToken;
import org.confero.protocol.join.JoinTokenSigner;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaToken;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView;
import org.confero.routing.AssignmentPolicy;
import org.confero.routing.LeastLoaded;
import org.confero.routing.OrderedFill;
import org.confero.routing.RouterAssigner;
import org.confero.routing.RouterCandidate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The zone controller (role {@code zc}) of zone {@code confero.zone}: given a join token, chooses the multimedia router
 * for the participant from the zone's live heartbeats (meeting affinity, then {@code confero.mmr.policy}) and records
 * the placement cluster-wide. It issues no media credentials for meetings: a join token only proves a lookup, and media
 * belongs to participants the meeting admitted, whose router hands them their credentials on the control channel. Only
 * the throwaway meetings of the network test get credentials here.
 */
@Stateless
public class ZoneController {

    @Inject
    private ServerIdentity identity;

    @EJB
    private RouterRegistry registry;

    @EJB
    private MeetingPlacements placements;

    @EJB
    private LookupServices lookup;

    @Inject
    @ConfigProperty(name = "confero.mmr.policy", defaultValue = "least-loaded")
    String policyName;

    @Inject
    @ConfigProperty(name = "confero.cluster.hosts", defaultValue = "127.0.0.1[7600]")
    String clusterHosts;

    @Inject
    @ConfigProperty(name = "confero.media.token.ttl.seconds", defaultValue = "300")
    long mediaTokenTtlSeconds;

    @EJB
    private MediaKeys mediaKeys;

    @EJB
    private PendingArrivals pending;

    @EJB
    private org.confero.metrics.ConferoMeters meters;

    @EJB
    private org.confero.control.ControlRooms rooms;

    @EJB
    private org.confero.meeting.Meetings meetings;

    /** How long the controller waits to reach a router a client reported unreachable. */
    @Inject
    @ConfigProperty(name = "confero.router.probe.ms", defaultValue = "500")
    long probeMillis;

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ZoneController.class);

    private final Clock clock = Clock.systemUTC();
    private RouterAssigner assigner;

    @PostConstruct
    void init() {
        assigner = new RouterAssigner(policy(policyName));
    }

    public AssignmentView assign(String joinTokenText) {
        return assign(new org.confero.protocol.rest.AssignmentRequest(joinTokenText));
    }

    /**
     * An assignment for the participant named by the join token, or — when that expired during a long meeting — by the
     * resume credentials of its seat. A router the client reports unreachable is probed from here: if this controller
     * cannot reach it either, it is taken out of the registry and of every placement at once (its heartbeat would only
     * go stale after {@code confero.router.stale.seconds}); either way this participant goes to another router, and
     * cascading joins it to the rest of the meeting.
     */
    public AssignmentView assign(org.confero.protocol.rest.AssignmentRequest request) {
        Instant now = clock.instant();
        Optional<String> avoid = Optional.ofNullable(request.unreachableRouter()).filter(n -> !n.isBlank());
        String joinTokenText = request.joinToken() == null ? "" : request.joinToken();
        JoinTokenSigner.Verification verification = lookup.signer().verify(joinTokenText, now);
        if (!verification.isValid() && request.resume() != null) {
            // A long meeting outlives its join token: the seat's resume credentials identify the participant.
            var resume = request.resume();
            var seat = rooms.seat(String.valueOf(resume.meetingId()), String.valueOf(resume.participantId()))
                    .filter(s -> s.matches(String.valueOf(resume.sessionId()), String.valueOf(resume.resumeToken())));
            if (seat.isEmpty()) {
                throw new DomainException(ProblemType.UNAUTHENTICATED,
                        "no seat with these resume credentials (grace period over?); look the meeting up again");
            }
            boolean attendee = requireOpen(seat.get().meetingId()).isWebinar() && !seat.get().host()
                    && !seat.get().panelist();
            avoid.ifPresent(this::checkReported); // only for a participant it knows
            return assign(seat.get().meetingId(), seat.get().participantId(), now, Optional.empty(), avoid, attendee);
        }
        if (!verification.isValid()) {
            throw new DomainException(ProblemType.UNAUTHENTICATED, switch (verification.status()) {
            case EXPIRED -> "the join token has expired; look the meeting up again";
            default -> "the join token is not valid";
            });
        }
        JoinToken join = verification.token().orElseThrow();
        // The role is the one the lookup signed into the token (issue 23): attendees spread over the zone.
        boolean attendee = requireOpen(join.meetingId()).isWebinar() && join.role() == JoinToken.Role.ATTENDEE;
        avoid.ifPresent(this::checkReported);
        return assign(join.meetingId(), join.participantId(), now, Optional.empty(), avoid, attendee);
    }

    /** A deleted or ended meeting gets no router: placing it would open it on a relay again. */
    private org.confero.meeting.Meeting requireOpen(String meetingId) {
        var meeting = org.confero.meeting.MeetingNumber.parse(meetingId).flatMap(meetings::find)
                .orElseThrow(() -> new DomainException(ProblemType.MEETING_NOT_FOUND,
                        "meeting " + meetingId + " does not exist any more"));
        if (meeting.state() == org.confero.meeting.MeetingState.ENDED) {
            throw new DomainException(ProblemType.MEETING_ENDED, "meeting " + meetingId + " has ended");
        }
        return meeting;
    }

    private void checkReported(String node) {
        registry.routers().stream().filter(r -> r.node().equals(node)).findFirst().ifPresent(router -> {
            if (!RouterProbe.reachable(router, Duration.ofMillis(probeMillis))) {
                registry.remove(node);
                pending.forget(node);
                int meetings = placements.dropRouter(node);
                meters.routerFailedOver(node);
                LOG.warnf("Router %s reported unreachable and does not answer here either: removed (%d meeting(s) "
                        + "move on)", node, meetings);
            }
        });
    }

    /**
     * A router and credentials for a throwaway network-test meeting (not in the database); its placement expires after
     * {@code lifetime} and the router then closes it.
     */
    public AssignmentView assignTest(String meeting, String participantId, Duration lifetime) {
        return assign(meeting, participantId, clock.instant(), Optional.of(lifetime), Optional.empty(), false);
    }

    private AssignmentView assign(String meeting, String participantId, Instant now, Optional<Duration> lifetime,
            Optional<String> avoid, boolean attendee) {
        List<RouterLoad> fresh = freshRoutersOfThisZone(now);
        // The router the client cannot reach is avoided while there is another; a lone router is better than none.
        List<RouterLoad> others = fresh.stream().filter(r -> avoid.map(a -> !a.equals(r.node())).orElse(true)).toList();
        List<RouterLoad> routers = others.isEmpty() ? fresh : others;
        List<RouterCandidate> candidates = candidates(routers, attendee);
        RouterAssigner.Assignment assignment = lifetime.isPresent() ? chooseForTest(meeting, candidates, lifetime.get())
                : choose(meeting, candidates, avoid.isPresent(), attendee);
        if (lifetime.isEmpty()) {
            pending.sent(assignment.router().node(), now);
            meters.assigned(policyName, assignment.router().node(), assignment.kind() == RouterAssigner.Kind.OVERFLOW);
        }
        RouterLoad router = routers.stream().filter(r -> r.node().equals(assignment.router().node())).findFirst()
                .orElseThrow();
        Instant expires = now.plusSeconds(mediaTokenTtlSeconds);
        Map<String, MediaCredentials> credentials = new LinkedHashMap<>();
        for (MediaType type : MediaType.values()) {
            if (lifetime.isPresent()) { // a network test's meeting: nobody to admit, nothing to reach but itself
                credentials.put(type.name().toLowerCase(Locale.ROOT),
                        mediaKeys.issue(new MediaToken(meeting, participantId, type, now, expires)));
            }
        }
        String webSockets = router.controlUrl().replaceFirst("^http", "ws");
        return new AssignmentView(meeting, participantId, identity.zone(), router.node(), webSockets + "/control",
                new AssignmentView.MediaEndpoints(router.mediaHost(), router.udpPort(), router.tcpPort(),
                        webSockets + "/media"),
                credentials, expires, lifetime.isPresent() ? "network test" : assignment.reason());
    }

    private RouterAssigner.Assignment chooseForTest(String meeting, List<RouterCandidate> candidates,
            Duration lifetime) {
        RouterAssigner.Assignment assignment = assigner.assign(Optional.empty(), candidates)
                .orElseThrow(this::noRouter);
        placements.placeTemporarily(meeting, assignment.router().node(), lifetime);
        return assignment;
    }

    private RouterAssigner.Assignment choose(String meeting, List<RouterCandidate> candidates, boolean failover,
            boolean attendee) {
        Optional<String> home = placements.homeOf(meeting);
        Optional<RouterAssigner.Assignment> chosen = attendee ? assigner.spread(home, candidates)
                : assigner.assign(home, candidates);
        if (chosen.isEmpty() && failover) {
            chosen = overThreshold(home, candidates);
        }
        RouterAssigner.Assignment assignment = chosen.orElseThrow(this::noRouter);
        switch (assignment.kind()) {
        case NEW_PLACEMENT -> {
            String winner = placements.placeIfAbsent(meeting, assignment.router().node());
            if (!winner.equals(assignment.router().node())) {
                // Another join placed the meeting first: follow it, so the meeting is not split.
                RouterAssigner.Assignment followed = (attendee ? assigner.spread(Optional.of(winner), candidates)
                        : assigner.assign(Optional.of(winner), candidates)).orElseThrow(this::noRouter);
                if (followed.kind() != RouterAssigner.Kind.HOSTED) {
                    placements.addRouter(meeting, followed.router().node());
                }
                return followed;
            }
        }
        case OVERFLOW, SPREAD -> placements.addRouter(meeting, assignment.router().node());
        case HOSTED -> {
            // placed already
        }
        }
        return assignment;
    }

    /**
     * A participant moving off a dead router when every other router is at its threshold: the least loaded one takes it
     * over its threshold. The threshold governs where meetings grow, not whether people already in one are dropped.
     */
    private static Optional<RouterAssigner.Assignment> overThreshold(Optional<String> home,
            List<RouterCandidate> candidates) {
        return candidates.stream().filter(c -> !c.draining())
                .min(Comparator.comparingInt(RouterCandidate::participants))
                .map(c -> new RouterAssigner.Assignment(c,
                        home.isEmpty() ? RouterAssigner.Kind.NEW_PLACEMENT
                                : home.get().equals(c.node()) ? RouterAssigner.Kind.HOSTED
                                        : RouterAssigner.Kind.OVERFLOW,
                        "failover: every router is at its threshold, taken over it"));
    }

    private List<RouterLoad> freshRoutersOfThisZone(Instant now) {
        return registry.routers().stream().filter(r -> r.zone().equals(identity.zone()))
                .filter(r -> registry.isFresh(r, now)).toList();
    }

    /** Router order for ordered fill: the position of its media host in {@code confero.cluster.hosts}. */
    private List<RouterCandidate> candidates(List<RouterLoad> routers, boolean spreading) {
        List<String> hosts = new ArrayList<>();
        for (String entry : clusterHosts.split(",")) {
            String host = entry.trim();
            int bracket = host.indexOf('[');
            hosts.add(bracket < 0 ? host : host.substring(0, bracket));
        }
        return routers.stream().sorted(Comparator.comparing(RouterLoad::node)).map(r -> {
            int order = hosts.indexOf(r.mediaHost());
            // Spreading webinar attendees: what the heartbeat counted, plus whom this controller sent there since (a
            // burst between two beats). A meeting's participants follow its home router on the heartbeat's count
            // alone, as before this count existed: with it, the clean-clone CI run of 285924c saw a meeting's second
            // participant sent off its home router that had room (ClusterStateIT, capacity 2); cause not proven.
            int participants = r.participants() + (spreading ? pending.after(r.node(), r.at()) : 0);
            return new RouterCandidate(r.node(), order < 0 ? Integer.MAX_VALUE : order, participants, r.meetings(),
                    r.capacity(), r.draining(), r.cpuLoad());
        }).toList();
    }

    private DomainException noRouter() {
        return new DomainException(ProblemType.UNAVAILABLE,
                "no multimedia router of zone " + identity.zone() + " can take the meeting now; try another zone");
    }

    static AssignmentPolicy policy(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
        case "least-loaded" -> new LeastLoaded();
        case "ordered-fill" -> new OrderedFill();
        default -> throw new IllegalArgumentException(
                "confero.mmr.policy must be least-loaded or ordered-fill, was '" + name + "'");
        };
    }
}
