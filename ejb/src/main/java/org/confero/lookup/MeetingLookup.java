package org.confero.lookup;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.confero.common.PublicUrl;
import org.confero.common.api.Actor;
import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.confero.meeting.Meeting;
import org.confero.meeting.MeetingNumber;
import org.confero.meeting.MeetingState;
import org.confero.meeting.MeetingViews;
import org.confero.meeting.Meetings;
import org.confero.protocol.join.JoinToken;
import org.confero.protocol.rest.JoinInfoView;
import org.confero.protocol.rest.NetworkTestView;
import org.confero.protocol.rest.JoinInfoView.PathView;
import org.confero.protocol.rest.JoinInfoView.RankedZoneView;
import org.confero.router.RouterRegistry;
import org.confero.zone.Zone;
import org.confero.zone.Zones;
import org.confero.zone.ranking.RankedZone;
import org.confero.zone.ranking.ZoneCandidate;
import org.confero.zone.ranking.ZoneLoad;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The meeting lookup. Anyone may look a meeting up (guests have no account); the passcode, rate-limited per client and
 * per meeting, is the gate. The meeting's host (or an admin) needs no passcode and joins as host.
 */
@Stateless
public class MeetingLookup {

    @EJB
    private org.confero.metrics.ConferoMeters meters;

    private static final ZoneLoad NO_ROUTER = new ZoneLoad(0, 0, 0);

    @EJB
    private Meetings meetings;

    @EJB
    private Zones zones;

    @EJB
    private RouterRegistry routers;

    @EJB
    private LookupServices services;

    /** Issue 23: the seats of the cluster, for a webinar's attendee capacity. */
    @EJB
    private org.confero.control.ControlRooms rooms;

    @Inject
    @ConfigProperty(name = "confero.join.token.ttl.seconds", defaultValue = "600")
    long tokenTtlSeconds;

    @Inject
    private PublicUrl publicUrl;

    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    /**
     * @param caller
     *            the authenticated user, if the request carried credentials
     * @param client
     *            the client's address as resolved through trusted proxies
     */
    public JoinInfoView lookup(MeetingNumber number, Optional<String> passcode, Optional<String> displayName,
            Optional<Actor> caller, InetAddress client, PathView path) {
        return lookup(number, passcode, Optional.empty(), displayName, caller, client, path);
    }

    /**
     * As above, with a webinar's panelist code (issue 23): the host (or an admin) joins as host, whoever presents the
     * webinar's panelist code as panelist, everyone else as attendee. The role is signed into the join token.
     */
    public JoinInfoView lookup(MeetingNumber number, Optional<String> passcode, Optional<String> panelistCode,
            Optional<String> displayName, Optional<Actor> caller, InetAddress client, PathView path) {
        Meeting meeting = meetings.find(number).orElseThrow(
                () -> new DomainException(ProblemType.MEETING_NOT_FOUND, "meeting " + number + " does not exist"));
        if (meeting.state() == MeetingState.ENDED) {
            throw new DomainException(ProblemType.MEETING_ENDED, "meeting " + number + " has ended");
        }
        boolean host = caller.map(actor -> actor.admin() || meeting.isHostedBy(actor.username())).orElse(false);
        boolean panelist = !host && panelistCode.isPresent() && panelist(meeting, panelistCode.get());
        if (!host) {
            checkPasscode(meeting, passcode, PasscodeAttempts.sourceOf(client));
        }
        if (meeting.isWebinar() && !host && !panelist) {
            // Refused early and clearly; the router's room still decides at the join (two lookups may race).
            int capacity = meetings.attendeeCapacity(meeting);
            if (rooms.attendeesSeated(number.toString()) >= capacity) {
                throw new DomainException(ProblemType.WEBINAR_FULL,
                        "webinar " + number + " has its maximum of " + capacity + " attendees; try again later");
            }
        }
        String name = displayName.map(String::strip).filter(n -> !n.isEmpty())
                .orElse(host ? meeting.host().displayName() : "Guest");
        if (name.length() > 100) {
            throw DomainException.invalid("name must be at most 100 characters");
        }
        Instant now = clock.instant();
        JoinToken token = new JoinToken(number.toString(), "p-" + HexFormat.of().formatHex(randomBytes(8)), name,
                host ? JoinToken.Role.HOST : panelist ? JoinToken.Role.PANELIST : JoinToken.Role.ATTENDEE, now,
                now.plusSeconds(tokenTtlSeconds), caller.map(Actor::username));
        return new JoinInfoView(MeetingViews.forJoining(meeting), services.signer().sign(token), token.expiresAt(),
                rankZones(client), zones.enabledTunnels(), webClientUrl(number), path);
    }

    /** The network test's view of this deployment for a client; rate-limited per address. */
    public NetworkTestView networkTest(InetAddress client, PathView path) {
        services.networkTestLimit().acquire(client.getHostAddress(), clock.instant()).ifPresent(wait -> {
            throw new DomainException(ProblemType.TOO_MANY_ATTEMPTS, "too many network tests from this address", wait);
        });
        return new NetworkTestView(client.getHostAddress(), rankZones(client), zones.enabledTunnels(), path);
    }

    /** A wrong code is refused, not quietly turned into an attendee's join: the invitee would not know why. */
    private boolean panelist(Meeting meeting, String code) {
        if (!meeting.isWebinar()) {
            throw DomainException.invalid("meeting " + meeting.number() + " is not a webinar: it has no panelists");
        }
        if (!services.panelistCodes().matches(meeting.number().toString(), code)) {
            throw new DomainException(ProblemType.FORBIDDEN,
                    "the panelist code is not the one of webinar " + meeting.number());
        }
        return true;
    }

    /** The panelist link of a webinar, for its host (or an admin) only: others get meeting-not-found. */
    public org.confero.protocol.rest.PanelistLinkView panelistLink(Actor actor, MeetingNumber number) {
        meetings.get(actor, number); // the owner check, with its answer for other hosts' meetings
        Meeting meeting = meetings.find(number).orElseThrow(
                () -> new DomainException(ProblemType.MEETING_NOT_FOUND, "meeting " + number + " does not exist"));
        if (!meeting.isWebinar()) {
            throw DomainException.invalid("meeting " + number + " is not a webinar: it has no panelists");
        }
        String code = services.panelistCodes().codeOf(number.toString());
        return new org.confero.protocol.rest.PanelistLinkView(number.toString(), code,
                webClientUrl(number) + "#panelist=" + code);
    }

    private void checkPasscode(Meeting meeting, Optional<String> passcode, String client) {
        String id = meeting.number().toString();
        PasscodeAttempts attempts = services.attempts();
        Optional<Duration> wait = attempts.blocked(id, client);
        if (wait.isPresent()) {
            throw new DomainException(ProblemType.TOO_MANY_ATTEMPTS, "too many wrong passcodes for meeting " + id
                    + " from this address; try again in " + wait.get().toSeconds() + " s", wait.get());
        }
        if (!meeting.acceptsPasscode(passcode)) {
            attempts.failed(id, client);
            meters.passcodeFailure();
            throw new DomainException(ProblemType.WRONG_PASSCODE,
                    passcode.isEmpty() ? "meeting " + id + " needs a passcode (header X-Confero-Passcode)"
                            : "wrong passcode for meeting " + id);
        }
        attempts.succeeded(id, client);
    }

    private List<RankedZoneView> rankZones(InetAddress client) {
        Map<String, ZoneLoad> loads = routers.zoneLoads();
        List<Zone> all = zones.all();
        List<ZoneCandidate> candidates = all.stream().map(zone -> new ZoneCandidate(zone.id(), zone.name(),
                zone.state(), zone.location(), zone.cidrRules(), loads.getOrDefault(zone.id(), NO_ROUTER))).toList();
        Map<String, Zone> byId = new java.util.HashMap<>();
        all.forEach(zone -> byId.put(zone.id(), zone));
        return services.ranker().rank(client, candidates).stream().map(ranked -> view(ranked, byId)).toList();
    }

    private static RankedZoneView view(RankedZone ranked, Map<String, Zone> byId) {
        Zone zone = byId.get(ranked.zone().id());
        return new RankedZoneView(ranked.rank(), zone.id(), zone.name(), zone.region().orElse(null), ranked.available(),
                ranked.reason(), zone.controllerUrls());
    }

    private String webClientUrl(MeetingNumber number) {
        return publicUrl.resolve("/join/" + number);
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
