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
    private org.confero.metrics.ConferoMeters meters;

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

    @Inject
    @ConfigProperty(name = "confero.meeting.max.participants", defaultValue = "300")
    int maxParticipants;

    @Inject
    @ConfigProperty(name = "confero.control.chat.per.minute", defaultValue = "60")
    int chatPerMinute;

    /** How long a meeting this router carries may stay without a participant here before the router lets it go. */
    @Inject
    @ConfigProperty(name = "confero.control.empty.meeting.grace.seconds", defaultValue = "60")
    int emptyGraceSeconds;

    @Inject
    @ConfigProperty(name = "confero.media.token.ttl.seconds", defaultValue = "300")
    long mediaTokenTtlSeconds;

    /** Issue 23: a webinar's promotions are kept this long, the longest a webinar runs (then the stage pass lapses). */
    private static final Duration PROMOTIONS_KEPT = Duration.ofHours(24);

    /** A participant's departure is kept as long as its join token could come back. */
    @Inject
    @ConfigProperty(name = "confero.join.token.ttl.seconds", defaultValue = "600")
    long joinTokenTtlSeconds;

    /** A removed account waits for a host this long (its next lookups issue new join tokens). */
    @Inject
    @ConfigProperty(name = "confero.control.removed.account.hours", defaultValue = "24")
    long removedAccountHours;

    @EJB
    private org.confero.presence.Presence presence;

    private final Map<String, ControlRoom> rooms = new ConcurrentHashMap<>();
    private final SeatedAccounts seatedAccounts = new SeatedAccounts(new PresenceAttendance());
    private final Clock clock = Clock.systemUTC();
    /** Seats held by routers that stopped heartbeating, and since when: they are freed after the grace period. */
    private final Map<String, java.time.Instant> orphanedSince = new ConcurrentHashMap<>();
    /** Meetings placed on this router with no participant here, and since when (the placements bound it). */
    private final Map<String, java.time.Instant> emptySince = new ConcurrentHashMap<>();

    @jakarta.annotation.PostConstruct
    void receiveEvents() {
        events.receiveWith((meetingId, json) -> {
            Optional<String> revoked = MediaRevocation.participantOf(json);
            if (revoked.isPresent()) {
                withRelay(relay -> relay.revoke(meetingId, revoked.get()));
                return;
            }
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
        return join(joinTokenText, Optional.empty(), sink);
    }

    /**
     * Issue 23: {@code stagePass} is what a webinar attendee's client kept from an earlier promotion ({@code role}
     * message): a server-issued secret that makes the rejoin a panelist's while no demotion revoked it.
     */
    public Optional<Joined> join(String joinTokenText, Optional<String> stagePass, ControlSink sink) {
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
        while (!room.join(token.participantId(), token.displayName(), token.role() == JoinToken.Role.HOST,
                token.role() == JoinToken.Role.PANELIST, token.account(), stagePass, sink)) {
            rooms.remove(token.meetingId(), room); // it let the meeting go a moment ago: a new room takes over
            room = roomOf(token.meetingId(), meeting.get());
        }
        if (!room.holds(token.participantId(), sink)) {
            return Optional.empty(); // refused: it said why and closed
        }
        emptySince.remove(token.meetingId());
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
        if (room != null && room.resume(participantId, sessionId, resumeToken, sink)) {
            room.replayChat(sink, lastChatId);
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
        if (!adopting.adopt(seat.get(), resumeToken, sink)) {
            return Optional.empty();
        }
        adopting.replayChat(sink, lastChatId);
        orphanedSince.remove(seat.get().key());
        emptySince.remove(meetingId);
        LOG.infof("Participant %s of meeting %s resumed here (was on %s)", participantId, meetingId, seat.get().node());
        return Optional.of(new Joined(adopting, meetingId, seat.get().participantId()));
    }

    /**
     * The meeting is over everywhere (it was deleted): every router's room closes and the relays let it go. Idempotent;
     * any server may call it.
     */
    public void endEverywhere(String meetingId) {
        String ended = Json.createObjectBuilder().add("type", "ended").build().toString();
        events.publish(meetingId, ended);
        ControlRoom room = rooms.remove(meetingId);
        if (room != null) {
            room.endHere(ended);
        }
        placements.remove(meetingId);
        withRelay(relay -> relay.closeMeeting(meetingId));
    }

    /**
     * Issue 23: a webinar's attendees seated anywhere in the cluster (admitted, neither host nor panelist), from the
     * replicated seats: what the lookup refuses a new attendee by once the webinar is full.
     */
    public int attendeesSeated(String meetingId) {
        return (int) ClusterRoomMirror.seatsOf(seats, meetingId).stream()
                .filter(s -> s.admitted() && !s.host() && !s.panelist()).count();
    }

    /** The participant's seat anywhere in the cluster, for the zone controller's re-assignment too. */
    public Optional<SeatRecord> seat(String meetingId, String participantId) {
        return SeatRecord.read(seats.get(SeatRecord.key(meetingId, participantId)));
    }

    private ControlRoom roomOf(String meetingId, Meeting meeting) {
        return rooms.computeIfAbsent(meetingId,
                id -> new ControlRoom(id, meeting.waitingRoom(), meeting.muteOnEntry(),
                        Duration.ofSeconds(graceSeconds), clock, new RoomEffects(),
                        new PresenceMirror(
                                new ClusterRoomMirror(id, identity.node(), seats, events, clock), id, seatedAccounts),
                        new StoredChat(), new RoomLimits(maxParticipants, chatPerMinute),
                        new ClusterDepartures(id, seats, Duration.ofSeconds(joinTokenTtlSeconds),
                                Duration.ofHours(removedAccountHours)),
                        meeting.isWebinar() ? ControlRoom.Webinar.spanningRouters(meetings.attendeeCapacity(meeting))
                                : ControlRoom.Webinar.NONE,
                        new ClusterPromotions(id, seats, PROMOTIONS_KEPT)));
    }

    /** The relay's view of a participant's media (consent lost, bound again) shown in the roster. */
    public void mediaState(String meetingId, String participantId, boolean lost) {
        ControlRoom room = rooms.get(meetingId);
        if (room != null) {
            room.mediaState(participantId, lost);
        }
    }

    /** Issue 23: webinars tell their attendee count at most once a second, here when it changed since. */
    @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
    void tellAudiences() {
        rooms.values().forEach(ControlRoom::flushAudience);
    }

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    void expire() {
        rooms.values().forEach(ControlRoom::expireReconnecting);
        freeOrphanedSeats();
        letEmptyMeetingsGo();
    }

    /**
     * A meeting placed on this router that has had no participant here for {@code confero.control.empty.meeting.grace
     * .seconds} is let go: its room is retired, this router leaves its placement (the next join places it anew) and the
     * relay closes it, which frees every binding and counter it held. Network tests' meetings expire by themselves.
     */
    private void letEmptyMeetingsGo() {
        if (!identity.plays("mmr")) {
            return;
        }
        java.time.Instant now = clock.instant();
        java.util.Set<String> idle = new java.util.HashSet<>();
        placements.all().forEach((meetingId, nodes) -> {
            if (nodes.contains(identity.node()) && MeetingNumber.parse(meetingId).isPresent()) {
                ControlRoom room = rooms.get(meetingId);
                if (room == null || room.isEmpty()) {
                    idle.add(meetingId);
                }
            }
        });
        emptySince.keySet().retainAll(idle);
        for (String meetingId : idle) {
            java.time.Instant since = emptySince.computeIfAbsent(meetingId, id -> now);
            if (Duration.between(since, now).getSeconds() < emptyGraceSeconds) {
                continue;
            }
            ControlRoom room = rooms.get(meetingId);
            if (room != null && !room.retireIfEmpty()) {
                continue; // someone joined meanwhile
            }
            if (room != null) {
                rooms.remove(meetingId, room);
            }
            emptySince.remove(meetingId);
            placements.removeRouter(meetingId, identity.node());
            withRelay(relay -> relay.closeMeeting(meetingId));
            LOG.debugf("Meeting %s let go on this router: no participant here for %d s", meetingId, emptyGraceSeconds);
        }
    }

    /** Meetings with at least one participant present on this router, and those participants (issue 22). */
    public record Census(int meetings, int participants) {
    }

    /** Issue 23: webinar attendees present on this router (in a webinar, connected), for the metrics. */
    public int attendeesPresent() {
        int attendees = 0;
        for (ControlRoom room : rooms.values()) {
            attendees += room.presentAttendeeCount();
        }
        return attendees;
    }

    public Census census() {
        int meetingsHere = 0;
        int participantsHere = 0;
        for (ControlRoom room : rooms.values()) {
            int present = room.presentCount();
            if (present > 0) {
                meetingsHere++;
                participantsHere += present;
            }
        }
        return new Census(meetingsHere, participantsHere);
    }

    /** Meetings with at least one participant present on this router (issue 22: whose rows it publishes). */
    public java.util.List<String> meetingsWithParticipantsPresent() {
        return rooms.entrySet().stream().filter(e -> e.getValue().presentCount() > 0).map(Map.Entry::getKey).toList();
    }

    /** Participants present on this router in one meeting, by id (issue 22: the admin's participant view). */
    public java.util.List<jakarta.json.JsonObject> presentParticipants(String meetingId) {
        ControlRoom room = rooms.get(meetingId);
        return room == null ? java.util.List.of() : room.present();
    }

    /** Rooms this router holds now, for tests that check that empty meetings are let go. */
    public int roomCount() {
        return rooms.size();
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
            Entry stored = entry(chat.store(meetingId, participantId, name, text, at));
            meters.chatMessage("meeting");
            return stored;
        }

        @Override
        public java.util.List<Entry> after(String meetingId, long lastId) {
            return chat.after(meetingId, lastId).stream().map(StoredChat::entry).toList();
        }

        private static Entry entry(org.confero.chat.MeetingChatMessage m) {
            return new Entry(m.id(), m.participantId(), m.displayName(), m.text(), m.sentAt());
        }
    }

    @EJB
    private org.confero.limits.Refusals refusals;

    private final class RoomEffects implements ControlRoom.Effects {
        @Override
        public void refused(org.confero.limits.Limit limit) {
            refusals.refused(limit);
        }

        /**
         * Revokes here and on every other router: media tokens verify with the cluster's key on any relay, so one that
         * carries the meeting too (overflow, cascade) must refuse the participant's credentials as well.
         */
        @Override
        public void revokeMedia(String meetingId, String participantId) {
            withRelay(relay -> relay.revoke(meetingId, participantId));
            events.publish(meetingId, MediaRevocation.event(participantId));
        }

        @Override
        public Optional<MediaGrant> grantMedia(String meetingId, String participantId) {
            return grantMedia(meetingId, participantId, false);
        }

        /** Issue 23: a webinar attendee's credentials are receive-only, signed so by the relay. */
        @Override
        public Optional<MediaGrant> grantMedia(String meetingId, String participantId, boolean receiveOnly) {
            Duration ttl = Duration.ofSeconds(mediaTokenTtlSeconds);
            try (MediaConnection relay = LocalRelay.connect()) {
                relay.openMeeting(meetingId); // this router carries the participant, so its relay the meeting
                java.util.Map<String, org.confero.protocol.media.MediaCredentials> credentials = new java.util.LinkedHashMap<>();
                for (org.confero.protocol.media.MediaType type : org.confero.protocol.media.MediaType.values()) {
                    credentials.put(type.name().toLowerCase(java.util.Locale.ROOT),
                            relay.admit(meetingId, participantId, type, ttl, receiveOnly));
                }
                return Optional.of(new MediaGrant(credentials, clock.instant().plus(ttl)));
            } catch (LocalRelay.Unavailable | RuntimeException e) {
                LOG.warnf("No media credentials for %s of meeting %s: %s", participantId, meetingId, e.toString());
                return Optional.empty();
            }
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
