package org.confero.control;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.json.Json;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.confero.lookup.LookupServices;
import org.confero.media.api.MediaConnection;
import org.confero.meeting.Meeting;
import org.confero.mmr.LocalRelay;
import org.confero.meeting.MeetingNumber;
import org.confero.meeting.MeetingState;
import org.confero.meeting.Meetings;
import org.confero.protocol.join.JoinToken;
import org.confero.protocol.join.JoinTokenSigner;
import org.confero.router.MeetingPlacements;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The control rooms of the meetings this router carries. Joins are admitted by the join token the lookup issued (its
 * passcode check already passed); the meeting's waiting-room and mute-on-entry settings come from the database.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Rooms live in memory; the few database writes (meeting started/ended) run in transactions of their own.
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
public class ControlRooms {

    private static final Logger LOG = Logger.getLogger(ControlRooms.class);

    @EJB
    private LookupServices lookup;

    @EJB
    private Meetings meetings;

    @EJB
    private MeetingPlacements placements;

    @EJB
    private RoomEvents events;

    @EJB
    private org.confero.chat.MeetingChat chat;

    @EJB
    private org.confero.router.RouterRegistry registry;

    @jakarta.inject.Inject
    private org.confero.common.ServerIdentity identity;

    @jakarta.annotation.Resource(lookup = org.confero.cluster.ClusterCaches.JNDI_PREFIX
            + org.confero.cluster.ClusterCaches.SESSIONS)
    private org.infinispan.Cache<String, String> seats;

    @Inject
    @ConfigProperty(name = "confero.control.resume.grace.seconds", defaultValue = "30")
    int graceSeconds;

    @EJB
    private org.confero.presence.Presence presence;

    private final Map<String, ControlRoom> rooms = new ConcurrentHashMap<>();
    private final SeatedAccounts seatedAccounts = new SeatedAccounts(new PresenceAttendance());
    private final Clock clock = Clock.systemUTC();
    /** Seats held by routers that stopped heartbeating, and since when: they are freed after the grace period. */
    private final Map<String, java.time.Instant> orphanedSince = new ConcurrentHashMap<>();

    @jakarta.annotation.PostConstruct
    void receiveEvents() {
        events.receiveWith((meetingId, json) -> {
            ControlRoom room = rooms.get(meetingId);
            if (room != null) {
                room.remoteEvent(json);
                if (room.isEnded()) {
                    rooms.remove(meetingId, room);
                }
            }
        });
    }

    /** The outcome of a join: the room and who joined, or why not. */
    public record Joined(ControlRoom room, String meetingId, String participantId) {
    }

    public Optional<Joined> join(String joinTokenText, ControlSink sink) {
        JoinTokenSigner.Verification verification = lookup.signer().verify(joinTokenText, clock.instant());
        if (!verification.isValid()) {
            sink.send(ControlRoom.error("unauthenticated", verification.status() == JoinTokenSigner.Status.EXPIRED
                    ? "the join token has expired; look the meeting up again" : "the join token is not valid"));
            return Optional.empty();
        }
        JoinToken token = verification.token().orElseThrow();
        Optional<MeetingNumber> number = MeetingNumber.parse(token.meetingId());
        Optional<Meeting> meeting = number.flatMap(meetings::find);
        if (meeting.isEmpty() || meeting.get().state() == MeetingState.ENDED) {
            sink.send(ControlRoom.error("meeting-ended", "the meeting does not exist any more or has ended"));
            return Optional.empty();
        }
        ControlRoom room = roomOf(token.meetingId(), meeting.get());
        room.join(token.participantId(), token.displayName(), token.role() == JoinToken.Role.HOST, token.account(),
                sink);
        meetings.markStarted(number.get());
        return Optional.of(new Joined(room, token.meetingId(), token.participantId()));
    }

    /**
     * Resumes a seat: held here (a dropped connection), or held by another router (it died, or the client could not
     * reach it) — then this router adopts it from the replicated seat. Replays the chat after {@code lastChatId}.
     */
    public Optional<Joined> resume(String meetingId, String sessionId, String resumeToken, String participantId,
            long lastChatId, ControlSink sink) {
        ControlRoom room = rooms.get(meetingId);
        if (room != null && room.resume(sessionId, resumeToken, lastChatId, sink)) {
            return Optional.of(new Joined(room, meetingId, participantId));
        }
        Optional<SeatRecord> seat = seat(meetingId, participantId).filter(s -> s.matches(sessionId, resumeToken));
        if (seat.isEmpty() || seat.get().node().equals(identity.node())) {
            return Optional.empty(); // unknown, wrong credentials, or ours and no longer resumable
        }
        Optional<Meeting> meeting = MeetingNumber.parse(meetingId).flatMap(meetings::find);
        if (meeting.isEmpty() || meeting.get().state() == MeetingState.ENDED) {
            return Optional.empty();
        }
        ControlRoom adopting = roomOf(meetingId, meeting.get());
        if (!adopting.adopt(seat.get(), resumeToken, lastChatId, sink)) {
            return Optional.empty();
        }
        orphanedSince.remove(seat.get().key());
        LOG.infof("Participant %s of meeting %s resumed here (was on %s)", participantId, meetingId, seat.get().node());
        return Optional.of(new Joined(adopting, meetingId, participantId));
    }

    /** The participant's seat anywhere in the cluster, for the zone controller's re-assignment too. */
    public Optional<SeatRecord> seat(String meetingId, String participantId) {
        return SeatRecord.read(seats.get(SeatRecord.key(meetingId, participantId)));
    }

    private ControlRoom roomOf(String meetingId, Meeting meeting) {
        return rooms.computeIfAbsent(meetingId,
                id -> new ControlRoom(id, meeting.waitingRoom(), meeting.muteOnEntry(),
                        Duration.ofSeconds(graceSeconds), clock, new RoomEffects(),
                        new PresenceMirror(new ClusterRoomMirror(id, identity.node(), seats, events, clock), id,
                                seatedAccounts),
                        new StoredChat()));
    }

    /** The relay's view of a participant's media (consent lost, bound again) shown in the roster. */
    public void mediaState(String meetingId, String participantId, boolean lost) {
        ControlRoom room = rooms.get(meetingId);
        if (room != null) {
            room.mediaState(participantId, lost);
        }
    }

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    void expire() {
        rooms.values().forEach(ControlRoom::expireReconnecting);
        freeOrphanedSeats();
    }

    /**
     * Seats of a router that died and whose participants did not resume elsewhere within the grace period leave the
     * meeting: every router tries, the one whose removal takes the seat tells the meeting.
     */
    private void freeOrphanedSeats() {
        java.time.Instant now = clock.instant();
        java.util.Set<String> live = new java.util.HashSet<>();
        registry.freshRouters().forEach(r -> live.add(r.node()));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (var entry : seats.entrySet()) {
            Optional<SeatRecord> read = SeatRecord.read(entry.getValue());
            if (read.isEmpty() || live.contains(read.get().node())) {
                continue;
            }
            SeatRecord seat = read.get();
            seen.add(entry.getKey());
            java.time.Instant since = orphanedSince.computeIfAbsent(entry.getKey(), k -> now);
            if (Duration.between(since, now).getSeconds() >= graceSeconds
                    && seats.remove(entry.getKey(), entry.getValue())) {
                String left = Json.createObjectBuilder().add("type", "roster").add("event", "left")
                        .add("participant", seat.view()).build().toString();
                events.publish(seat.meetingId(), left);
                ControlRoom room = rooms.get(seat.meetingId());
                if (room != null) {
                    room.remoteEvent(left);
                }
            }
        }
        orphanedSince.keySet().retainAll(seen);
    }

    /** Seats of signed-in users in the cluster's presence; a failed write costs the status, never the seat. */
    private final class PresenceAttendance implements SeatedAccounts.Attendance {
        @Override
        public void seated(String account) {
            try {
                presence.seated(account);
            } catch (RuntimeException e) {
                LOG.warnf("Presence of %s not set to in a meeting: %s", account, e.toString());
            }
        }

        @Override
        public void unseated(String account) {
            try {
                presence.unseated(account);
            } catch (RuntimeException e) {
                LOG.warnf("Presence of %s not cleared of a meeting: %s", account, e.toString());
            }
        }
    }

    /** The meeting's chat in the database. */
    private final class StoredChat implements ChatLog {
        @Override
        public Entry store(String meetingId, String participantId, String name, String text, java.time.Instant at) {
            return entry(chat.store(meetingId, participantId, name, text, at));
        }

        @Override
        public java.util.List<Entry> after(String meetingId, long lastId) {
            return chat.after(meetingId, lastId).stream().map(StoredChat::entry).toList();
        }

        private static Entry entry(org.confero.chat.MeetingChatMessage m) {
            return new Entry(m.id(), m.participantId(), m.displayName(), m.text(), m.sentAt());
        }
    }

    private final class RoomEffects implements ControlRoom.Effects {
        @Override
        public void revokeMedia(String meetingId, String participantId) {
            withRelay(relay -> relay.revoke(meetingId, participantId));
        }

        @Override
        public void meetingEnded(String meetingId) {
            MeetingNumber.parse(meetingId).ifPresent(meetings::markEnded);
            withRelay(relay -> relay.closeMeeting(meetingId));
            placements.remove(meetingId);
            rooms.remove(meetingId);
        }
    }

    private static void withRelay(java.util.function.Consumer<MediaConnection> action) {
        try (MediaConnection relay = LocalRelay.connect()) {
            action.accept(relay);
        } catch (Exception e) {
            LOG.warnf("Relay action failed: %s", e.toString());
        }
    }
}
