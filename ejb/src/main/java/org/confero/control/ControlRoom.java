package org.confero.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One meeting's control state on this router. Every change takes the room's lock, so the roster that participants see
 * is always consistent; sending happens through {@link ControlSink}s, which never block, and nothing that may wait on
 * the database (storing and replaying chat, ending the meeting for good) runs under the lock.
 *
 * <p>
 * Authority: who a participant is comes from the room's state (the join token the lookup signed, or the session a
 * resume proves), never from a field a client sends. Media credentials go only to participants in the meeting (not
 * waiting), in the {@code joined}, {@code admitted}, {@code resumed} and {@code media-credentials} messages; leaving,
 * removal, the end of the grace period and the end of the meeting revoke them.
 *
 * <p>
 * Rules: with a waiting room, attendees wait until a host admits them (hosts never wait); with mute-on-entry, attendees
 * join muted. Participants mute and unmute themselves; a host may mute (never unmute) others, remove them, admit them
 * and end the meeting. A dropped connection leaves the participant RECONNECTING for the grace period, during which it
 * resumes with its session id and resume token, without a new join.
 *
 * <p>
 * A meeting may span routers (overflow, failover): each router's room holds its own participants and shares their seats
 * and events through the {@link RoomMirror}; its roster is its own participants plus the seats elsewhere, and the
 * events of other routers' participants arrive through {@link #remoteEvent}. A seat may be resumed on any router
 * ({@link #adopt}). Chat is stored in the {@link ChatLog} before anyone sees it, and carries its id, so a resume
 * replays exactly what was missed.
 */
public final class ControlRoom {

    /** What a room asks of its surroundings: grant and revoke media, end the meeting for good. */
    public interface Effects {
        void revokeMedia(String meetingId, String participantId);

        void meetingEnded(String meetingId);

        /**
         * Media credentials for an admitted participant, issued by this router's relay after any earlier revocation of
         * it; empty when the relay cannot issue them now. Called under the room's lock: must not block on I/O.
         */
        default Optional<MediaGrant> grantMedia(String meetingId, String participantId) {
            return Optional.empty();
        }

        /**
         * Issue 23: credentials that receive only (a webinar attendee) or send and receive. The default gives a
         * receive-only participant nothing rather than a sender's credentials.
         */
        default Optional<MediaGrant> grantMedia(String meetingId, String participantId, boolean receiveOnly) {
            return receiveOnly ? Optional.empty() : grantMedia(meetingId, participantId);
        }

        /** A limit refused something (counted for admins). */
        default void refused(org.confero.limits.Limit limit) {
        }
    }

    private final String meetingId;
    private final boolean waitingRoom;
    private final boolean muteOnEntry;
    private final Duration grace;
    private final Clock clock;
    private final Effects effects;
    private final RoomMirror mirror;
    private final ChatLog chatLog;
    private final RoomLimits limits;
    private final Departures departures;
    /** Issue 23: the stage as promotions left it, so that a promoted attendee who joins again is a panelist. */
    private final Promotions promotions;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private boolean ended;
    private boolean retired;
    /** Issue 23: the webinar's rules, or {@link Webinar#NONE} for a meeting. */
    private final Webinar webinar;
    private final QuestionBoard questions;
    /** Raised hands of attendees on other routers (participant id → name), for this router's stage; bounded. */
    private final Map<String, String> remoteHands = new LinkedHashMap<>();
    /** The attendee count changed since it was last told; told at most once a second ({@link #flushAudience}). */
    private boolean audienceChanged;
    /** Of which some happened on this router: the other routers are told so with the count. */
    private boolean audienceChangedHere;
    private long audienceToldAtNanos = Long.MIN_VALUE / 2;

    /**
     * Issue 23: whether the room is a webinar and how many attendees it takes. In a webinar the host and panelists are
     * on stage (roster, send media); attendees receive only, are counted rather than listed, raise hands and ask.
     */
    public record Webinar(boolean enabled, int maxAttendees, long firstQuestionId) {

        public static final Webinar NONE = new Webinar(false, Integer.MAX_VALUE);
        /** Open questions per attendee and questions kept per room. */
        static final int QUESTIONS_PER_ASKER = 10;
        static final int QUESTIONS_KEPT = 1000;
        /** Raised hands of other routers' attendees this room keeps for its stage. */
        static final int REMOTE_HANDS_KEPT = 10_000;

        /** Question ids from 1: a webinar on one router (unit tests). */
        public Webinar(boolean enabled, int maxAttendees) {
            this(enabled, maxAttendees, 1);
        }

        public Webinar {
            if (maxAttendees < 1 || firstQuestionId < 1) {
                throw new IllegalArgumentException("maxAttendees and firstQuestionId must be positive");
            }
        }

        /**
         * A webinar whose question ids start at a random origin below 2^52, so that the ids of questions asked on
         * different routers of one webinar do not collide (each router numbers its own; a collision would need two
         * origins within the number of questions asked of each other).
         */
        public static Webinar spanningRouters(int maxAttendees) {
            return new Webinar(true, maxAttendees, 1 + new SecureRandom().nextLong(1L << 52));
        }
    }

    /** With the default limits and departures kept in memory (unit tests, a single router). */
    public ControlRoom(String meetingId, boolean waitingRoom, boolean muteOnEntry, Duration grace, Clock clock,
            Effects effects, RoomMirror mirror, ChatLog chatLog) {
        this(meetingId, waitingRoom, muteOnEntry, grace, clock, effects, mirror, chatLog, RoomLimits.DEFAULT,
                new LocalDepartures(Duration.ofHours(1), 10_000, clock));
    }

    public ControlRoom(String meetingId, boolean waitingRoom, boolean muteOnEntry, Duration grace, Clock clock,
            Effects effects, RoomMirror mirror, ChatLog chatLog, RoomLimits limits, Departures departures) {
        this(meetingId, waitingRoom, muteOnEntry, grace, clock, effects, mirror, chatLog, limits, departures,
                Webinar.NONE);
    }

    public ControlRoom(String meetingId, boolean waitingRoom, boolean muteOnEntry, Duration grace, Clock clock,
            Effects effects, RoomMirror mirror, ChatLog chatLog, RoomLimits limits, Departures departures,
            Webinar webinar) {
        this(meetingId, waitingRoom, muteOnEntry, grace, clock, effects, mirror, chatLog, limits, departures, webinar,
                new LocalPromotions(Duration.ofHours(24), 10_000, clock));
    }

    public ControlRoom(String meetingId, boolean waitingRoom, boolean muteOnEntry, Duration grace, Clock clock,
            Effects effects, RoomMirror mirror, ChatLog chatLog, RoomLimits limits, Departures departures,
            Webinar webinar, Promotions promotions) {
        this.promotions = java.util.Objects.requireNonNull(promotions, "promotions");
        this.webinar = java.util.Objects.requireNonNull(webinar, "webinar");
        this.questions = new QuestionBoard(Webinar.QUESTIONS_PER_ASKER, Webinar.QUESTIONS_KEPT,
                webinar.firstQuestionId());
        this.limits = limits;
        this.departures = departures;
        this.mirror = mirror;
        this.chatLog = chatLog;
        this.meetingId = meetingId;
        this.waitingRoom = waitingRoom;
        this.muteOnEntry = muteOnEntry;
        this.grace = grace;
        this.clock = clock;
        this.effects = effects;
    }

    /** A guest joins. */
    public synchronized boolean join(String participantId, String name, boolean host, ControlSink sink) {
        return join(participantId, name, host, Optional.empty(), sink);
    }

    /**
     * A participant (admitted by its join token, which names its account if it signed in) connects. A second join with
     * the same id replaces the first. A join token whose participant left is spent; one whose participant a host
     * removed (or whose account was removed) waits for a host, waiting room or not; past the participant limit only
     * hosts and participants already seated get in. Every outcome is told to {@code sink}; false only when this room
     * let its meeting go ({@link #retireIfEmpty}) and a new room has to take the join.
     */
    public synchronized boolean join(String participantId, String name, boolean host, Optional<String> account,
            ControlSink sink) {
        return join(participantId, name, host, false, account, sink);
    }

    /**
     * As above; {@code panelist} (issue 23) is the join token's role in a webinar: on stage, sending. In a webinar
     * everyone else who is not a host is an attendee, refused ({@code webinar-full}) past the webinar's attendee
     * capacity; the participant limit counts the stage only.
     */
    public synchronized boolean join(String participantId, String name, boolean host, boolean panelist,
            Optional<String> account, ControlSink sink) {
        return join(participantId, name, host, panelist, account, Optional.empty(), sink);
    }

    /**
     * As above; in a webinar an attendee whom a host promoted earlier is a panelist again when its account, or the
     * {@code stagePass} the promotion issued to it, still stands for the promotion ({@link Promotions}): a rejoin keeps
     * the role a demotion has not taken away. A pass the server did not issue (or revoked) changes nothing.
     */
    public synchronized boolean join(String participantId, String name, boolean host, boolean panelist,
            Optional<String> account, Optional<String> stagePass, ControlSink sink) {
        boolean promotedBefore = webinar.enabled() && !host && !panelist && promotions.holds(account, stagePass);
        if (promotedBefore) {
            panelist = true;
        }
        if (retired) {
            return false;
        }
        if (ended) {
            sink.send(error("meeting-ended", "the meeting has ended"));
            sink.close("meeting ended");
            return true;
        }
        Optional<Departures.Kind> departed = departures.of(participantId, account);
        if (departed.equals(Optional.of(Departures.Kind.LEFT))) {
            sink.send(error("left", "you left this meeting with this join token; look the meeting up again to rejoin"));
            sink.close("left the meeting");
            return true;
        }
        List<SeatRecord> seatsElsewhere = seatsElsewhere();
        boolean seated = participants.containsKey(participantId)
                || seatsElsewhere.stream().anyMatch(s -> s.participantId().equals(participantId));
        boolean attendee = webinar.enabled() && !host && !panelist;
        if (attendee && !seated && attendeeCount() + attendeesAmong(seatsElsewhere) >= webinar.maxAttendees()) {
            effects.refused(org.confero.limits.Limit.WEBINAR_FULL);
            sink.send(error("webinar-full",
                    "the webinar has its maximum of " + webinar.maxAttendees() + " attendees; try again later"));
            sink.close("webinar full");
            return true;
        }
        if (!host && !attendee && !seated
                && stageCount() + seatsElsewhere.size() - attendeesAmong(seatsElsewhere) >= limits.maxParticipants()) {
            sink.send(error("meeting-full",
                    "the meeting has its maximum of " + limits.maxParticipants() + " participants"));
            sink.close("meeting full");
            return true;
        }
        Participant previous = participants.remove(participantId);
        if (previous != null && previous.sink != null) {
            previous.sink.close("joined from another connection");
        }
        boolean removed = departed.isPresent();
        Participant.State state = removed || waitingRoom && !host ? Participant.State.WAITING
                : Participant.State.IN_MEETING;
        Participant participant = new Participant(participantId, name, host, account, hex(16), hex(24), state,
                muteOnEntry && !host, sink);
        participant.panelist = panelist && webinar.enabled();
        if (promotedBefore) {
            participant.stagePass = stagePass.filter(StagePasses::plausible);
        }
        participants.put(participantId, participant);
        mirror.seat(seat(participant));
        JsonObjectBuilder welcome = welcome(participant, state == Participant.State.WAITING ? "waiting" : "joined");
        if (removed) {
            welcome.add("reason", "removed");
        }
        sink.send(welcome.build().toString());
        if (state == Participant.State.IN_MEETING) {
            shareRoster(participantId, "joined", participant);
        } else {
            hosts(h -> h.sink.send(rosterEvent("waiting", participant)));
        }
        return true;
    }

    /** True when {@code participantId} is here on {@code sink}'s connection (its join was taken). */
    public synchronized boolean holds(String participantId, ControlSink sink) {
        Participant p = participants.get(participantId);
        return p != null && p.sink == sink;
    }

    /**
     * Lets the meeting go on this router if no participant is here: from then on every join and adoption is turned away
     * to a new room. True when it did.
     */
    public synchronized boolean retireIfEmpty() {
        if (participants.isEmpty()) {
            retired = true;
        }
        return retired;
    }

    /**
     * Resumes a dropped session of {@code participantId}; false when the grace period is over or the session id and
     * resume token are not that participant's. The participant comes from the room's own state: a session proves who it
     * is, a client's claim of another id is refused. The chat it missed follows through {@link #replayChat}.
     */
    public synchronized boolean resume(String participantId, String sessionId, String resumeToken, ControlSink sink) {
        expireReconnecting();
        Participant p = participants.get(participantId);
        if (p == null || p.state != Participant.State.RECONNECTING || !p.sessionId.equals(sessionId)
                || !java.security.MessageDigest.isEqual(p.resumeToken.getBytes(), resumeToken.getBytes())) {
            return false;
        }
        p.sink = sink;
        p.state = Participant.State.IN_MEETING;
        mirror.seat(seat(p));
        sink.send(welcome(p, "resumed").build().toString());
        shareRoster(p.id, "updated", p);
        return true;
    }

    /**
     * Resumes on this router a seat another router held (it died, or the client could not reach it): the participant
     * keeps its id, role, mute state and resume credentials, and the other routers' rosters show it here. The chat it
     * missed follows through {@link #replayChat}.
     */
    public synchronized boolean adopt(SeatRecord seat, String resumeToken, ControlSink sink) {
        if (ended || retired || !seat.meetingId().equals(meetingId) || !seat.admitted()) {
            return false; // a waiting attendee is admitted by a host, never by moving
        }
        Participant previous = participants.get(seat.participantId());
        if (previous != null) {
            return false; // held here: an ordinary resume, which checks its own state
        }
        Participant p = new Participant(seat.participantId(), seat.name(), seat.host(), seat.account(),
                seat.sessionId(), resumeToken, Participant.State.IN_MEETING, seat.audioMuted(), sink);
        p.videoMuted = seat.videoMuted();
        p.panelist = seat.panelist() && webinar.enabled();
        participants.put(p.id, p);
        mirror.seat(seat(p));
        sink.send(welcome(p, "resumed").build().toString());
        shareRoster(p.id, "updated", p);
        return true;
    }

    /**
     * An event of a participant on another router of this meeting: handed to this router's participants; the end of the
     * meeting ends it here too.
     */
    public synchronized void remoteEvent(String json) {
        if (ended) {
            return;
        }
        if (json.startsWith("{\"type\":\"ended\"")) {
            ended = true;
            closeAll(json);
            return;
        }
        if (StageEvents.isStageEvent(json)) {
            if (webinar.enabled()) {
                StageEvents.parse(json).ifPresent(this::remoteStageEvent);
            }
            return; // never for clients as it is
        }
        broadcastExcept(null, json);
    }

    /** Issue 23: a question, answer or hand of another router of this webinar, for those here it concerns. */
    private void remoteStageEvent(JsonObject event) {
        switch (event.getString("type", "")) {
        case StageEvents.QUESTION -> StageEvents.readQuestion(event).ifPresent(q -> {
            if (questions.addRemote(q)) {
                String json = questionEvent(q);
                stage(s -> s.sink.send(json));
            }
        });
        case StageEvents.ANSWER -> {
            if (event.get("questionId") instanceof jakarta.json.JsonNumber id
                    && event.get("message") instanceof jakarta.json.JsonString message) {
                questions.answer(id.longValue());
                deliverAnswer(message.getString(), event.getString("askerId", ""), event.getBoolean("public", false));
            }
        }
        case StageEvents.HAND -> {
            String id = event.getString("participantId", "");
            String name = event.getString("name", "");
            boolean raised = event.getBoolean("raised", false);
            if (id.isEmpty() || participants.containsKey(id)) {
                return;
            }
            if (!raised) {
                remoteHands.remove(id);
            } else if (remoteHands.size() < Webinar.REMOTE_HANDS_KEPT) {
                remoteHands.put(id, name);
            }
            String hand = Json.createObjectBuilder().add("type", "hand").add("participantId", id).add("name", name)
                    .add("raised", raised).build().toString();
            stage(s -> s.sink.send(hand));
        }
        case StageEvents.AUDIENCE -> audienceChangedAnywhere();
        case StageEvents.ROLE -> remoteRoleChange(event.getString("participantId", ""),
                event.getBoolean("promote", false));
        default -> {
            // a newer server's event this one does not know: nothing to do
        }
        }
    }

    /** The connection dropped without a leave: keep the participant for the grace period. */
    public synchronized void disconnected(String participantId, ControlSink sink) {
        Participant p = participants.get(participantId);
        if (p == null || p.sink != sink) {
            return; // already replaced or gone
        }
        if (p.state == Participant.State.WAITING) {
            participants.remove(participantId);
            mirror.vacate(participantId);
            hosts(h -> h.sink.send(rosterEvent("left", p)));
            return;
        }
        p.sink = null;
        p.state = Participant.State.RECONNECTING;
        p.disconnectedAtNanos = clock.millis() * 1_000_000L;
        mirror.seat(seat(p));
        shareRoster(participantId, "updated", p);
    }

    /** The participant leaves for good: its media is revoked and its join token spent. */
    public synchronized void leave(String participantId) {
        Participant p = participants.remove(participantId);
        if (p != null) {
            departures.record(participantId, p.account, Departures.Kind.LEFT);
            effects.revokeMedia(meetingId, participantId);
            mirror.vacate(participantId);
            shareRoster(participantId, "left", p);
        }
    }

    public synchronized void mute(String actorId, String targetId, String media, boolean muted) {
        Participant actor = participants.get(actorId);
        Participant target = participants.get(targetId);
        if (actor == null || target == null || target.state == Participant.State.WAITING) {
            reply(actorId, error("not-found", "no such participant in the meeting"));
            return;
        }
        boolean self = actorId.equals(targetId);
        if (!self && !(actor.host && muted)) {
            reply(actorId, error("forbidden",
                    actor.host ? "a host may mute others, not unmute them" : "only a host may mute others"));
            return;
        }
        switch (media) {
        case "audio" -> target.audioMuted = muted;
        case "video" -> target.videoMuted = muted;
        default -> {
            reply(actorId, error("invalid-message", "media must be audio or video"));
            return;
        }
        }
        mirror.seat(seat(target));
        shareRoster(null, "updated", target);
    }

    /**
     * Stores a participant's chat message, then shares it with its id. The database write runs outside the room's lock:
     * a slow database delays this sender's message, not the rest of the meeting.
     */
    public void chat(String fromId, String text) {
        String name;
        synchronized (this) {
            Participant from = participants.get(fromId);
            if (from == null || from.state != Participant.State.IN_MEETING) {
                reply(fromId, error("forbidden", "only participants in the meeting may chat"));
                return;
            }
            if (from.chatRate == null) {
                from.chatRate = new ChatRate(limits.chatPerMinute(), System.nanoTime());
            }
            if (!from.chatRate.tryAcquire(System.nanoTime())) {
                effects.refused(org.confero.limits.Limit.CHAT_RATE);
                reply(fromId, error("rate-limited",
                        "at most " + limits.chatPerMinute() + " chat messages a minute; this one was not sent"));
                return;
            }
            name = from.name;
        }
        ChatLog.Entry stored = chatLog.store(meetingId, fromId, name, text, clock.instant());
        synchronized (this) {
            if (!ended) {
                share(null, chatMessage(stored));
            }
        }
    }

    public synchronized void admit(String hostId, String participantId) {
        Optional<Participant> target = hostAction(hostId, participantId);
        if (target.isEmpty()) {
            return;
        }
        Participant p = target.get();
        if (p.state != Participant.State.WAITING) {
            reply(hostId, error("conflict", p.name + " is not waiting"));
            return;
        }
        departures.forgive(p.id, p.account);
        p.state = Participant.State.IN_MEETING;
        mirror.seat(seat(p));
        p.sink.send(welcome(p, "admitted").build().toString());
        shareRoster(p.id, "joined", p);
    }

    public synchronized void remove(String hostId, String participantId) {
        Optional<Participant> target = hostAction(hostId, participantId);
        if (target.isEmpty()) {
            return;
        }
        Participant p = target.get();
        participants.remove(participantId);
        departures.record(participantId, p.account, Departures.Kind.REMOVED);
        effects.revokeMedia(meetingId, participantId);
        mirror.vacate(participantId);
        if (p.sink != null) {
            p.sink.send(Json.createObjectBuilder().add("type", "removed").build().toString());
            p.sink.close("removed by the host");
        }
        shareRoster(null, "left", p);
    }

    /**
     * A host ends the meeting for good. The room refuses everything from the moment it is decided; the database and the
     * relay are told outside the room's lock, and only then the participants — so whoever hears "ended" and looks the
     * meeting up again already gets "meeting ended".
     */
    public void end(String hostId) {
        synchronized (this) {
            Participant host = participants.get(hostId);
            if (host == null || !host.host) {
                reply(hostId, error("forbidden", "only a host may end the meeting"));
                return;
            }
            if (ended) {
                return;
            }
            ended = true;
        }
        effects.meetingEnded(meetingId);
        String message = Json.createObjectBuilder().add("type", "ended").build().toString();
        synchronized (this) {
            mirror.publish(message);
            closeAll(message);
        }
    }

    /** The meeting was ended elsewhere (deleted, or ended on another router): close here too. */
    public synchronized void endHere(String message) {
        if (!ended) {
            ended = true;
            closeAll(message);
        }
    }

    /**
     * Fresh media credentials for a participant in the meeting ({@code media-credentials}), e.g. after the relay
     * refused expired ones; a participant not in the meeting is refused.
     */
    public synchronized void mediaCredentials(String participantId) {
        Participant p = participants.get(participantId);
        if (p == null || p.state != Participant.State.IN_MEETING) {
            reply(participantId, error("forbidden", "only participants in the meeting get media credentials"));
            return;
        }
        JsonObjectBuilder message = Json.createObjectBuilder().add("type", "media-credentials");
        effects.grantMedia(meetingId, p.id, isAttendee(p)).ifPresentOrElse(grant -> grant.addTo(message),
                () -> message.add("error", "the router's relay cannot issue media credentials now"));
        p.sink.send(message.build().toString());
    }

    /** Participants in the meeting on this router now (not waiting, not reconnecting): the metrics' active count. */
    public synchronized int presentCount() {
        int present = 0;
        for (Participant p : participants.values()) {
            if (p.state == Participant.State.IN_MEETING && p.sink != null) {
                present++;
            }
        }
        return present;
    }

    /** Issue 23: webinar attendees present on this router now (in the webinar, connected). */
    public synchronized int presentAttendeeCount() {
        int present = 0;
        for (Participant p : participants.values()) {
            if (p.state == Participant.State.IN_MEETING && p.sink != null && isAttendee(p)) {
                present++;
            }
        }
        return present;
    }

    /** The roster entries ({@code id}, {@code name}, …) of the participants present on this router. */
    public synchronized List<JsonObject> present() {
        List<JsonObject> present = new ArrayList<>();
        for (Participant p : participants.values()) {
            if (p.state == Participant.State.IN_MEETING && p.sink != null) {
                present.add(p.view());
            }
        }
        return present;
    }

    /** No participant on this router, not even one reconnecting or waiting. */
    public synchronized boolean isEmpty() {
        return participants.isEmpty();
    }

    private void closeAll(String message) {
        for (Participant p : new ArrayList<>(participants.values())) {
            if (p.sink != null) {
                p.sink.send(message);
                p.sink.close("meeting ended");
            }
            mirror.vacate(p.id);
        }
        participants.clear();
    }

    /** The relay reports a participant's media as lost (consent) or back. */
    public synchronized void mediaState(String participantId, boolean lost) {
        Participant p = participants.get(participantId);
        if (p != null && p.mediaLost != lost) {
            p.mediaLost = lost;
            mirror.seat(seat(p));
            shareRoster(null, "updated", p);
        }
    }

    public synchronized List<JsonObject> roster() {
        expireReconnecting();
        List<JsonObject> roster = new ArrayList<>();
        participants.values().stream().filter(p -> p.state != Participant.State.WAITING && onStage(p))
                .map(Participant::view).forEach(roster::add);
        roster.addAll(elsewhere());
        return roster;
    }

    public synchronized boolean isEnded() {
        return ended;
    }

    /** Participants whose grace period ran out leave for good. */
    public synchronized void expireReconnecting() {
        long now = clock.millis() * 1_000_000L;
        for (Participant p : new ArrayList<>(participants.values())) {
            if (p.state == Participant.State.RECONNECTING && now - p.disconnectedAtNanos >= grace.toNanos()) {
                participants.remove(p.id);
                effects.revokeMedia(meetingId, p.id);
                if (mirror.vacate(p.id)) {
                    shareRoster(null, "left", p);
                } // else it resumed on another router, which holds the seat now: it has not left

            }
        }
    }

    // ---- Issue 23: webinars. Attendees are counted, not listed; hands and questions reach the stage only. ----

    /** An attendee raises or lowers its hand; the stage (host and panelists) and the attendee itself are told. */
    public synchronized void raiseHand(String participantId, boolean raised) {
        Optional<Participant> from = inWebinar(participantId, "raise a hand");
        if (from.isEmpty()) {
            return;
        }
        Participant p = from.get();
        if (!isAttendee(p)) {
            reply(participantId, error("forbidden", "only attendees raise hands; the stage speaks"));
            return;
        }
        if (p.handRaised == raised) {
            return; // nothing changes: nothing to tell, nothing to count
        }
        if (p.handRate == null) {
            p.handRate = new ChatRate(limits.chatPerMinute(), System.nanoTime());
        }
        if (!p.handRate.tryAcquire(System.nanoTime())) {
            effects.refused(org.confero.limits.Limit.CHAT_RATE);
            reply(participantId, error("rate-limited", "at most " + limits.chatPerMinute() + " hands a minute"));
            return;
        }
        p.handRaised = raised;
        String hand = handEvent(p);
        stage(s -> s.sink.send(hand));
        p.sink.send(hand);
        mirror.publish(StageEvents.hand(p.id, p.name, raised)); // the stage on the other routers
    }

    /**
     * A question for the panelists: rate-limited like chat, bounded per asker and per room ({@link QuestionBoard}),
     * sent to the stage only; the asker gets {@code question-received} with its id.
     */
    public synchronized void ask(String participantId, String text) {
        Optional<Participant> from = inWebinar(participantId, "ask questions");
        if (from.isEmpty()) {
            return;
        }
        Participant p = from.get();
        if (p.questionRate == null) {
            p.questionRate = new ChatRate(limits.chatPerMinute(), System.nanoTime());
        }
        if (!p.questionRate.tryAcquire(System.nanoTime())) {
            effects.refused(org.confero.limits.Limit.CHAT_RATE);
            reply(participantId, error("rate-limited",
                    "at most " + limits.chatPerMinute() + " questions a minute; this one was not sent"));
            return;
        }
        Optional<QuestionBoard.Refusal> refusal = questions.makeRoomFor(participantId);
        if (refusal.isPresent()) {
            reply(participantId,
                    refusal.get() == QuestionBoard.Refusal.TOO_MANY_OPEN
                            ? error("too-many-questions",
                                    "at most " + questions.perAsker()
                                            + " unanswered questions each; wait for an answer")
                            : error("qa-full", "the Q&A holds " + questions.capacity() + " open questions; try later"));
            return;
        }
        QuestionBoard.Question question = questions.add(p.id, p.name, text, clock.instant());
        String json = questionEvent(question);
        stage(s -> s.sink.send(json));
        mirror.publish(StageEvents.question(question)); // the stage on the other routers
        p.sink.send(Json.createObjectBuilder().add("type", "question-received").add("id", question.id)
                .add("text", question.text).build().toString());
    }

    /**
     * A panelist (or host) answers a question: publicly (everyone in the webinar sees question and answer) or privately
     * (the asker and the stage only).
     */
    public synchronized void answer(String panelistId, long questionId, String text, boolean publicly) {
        Optional<Participant> from = inWebinar(panelistId, "answer questions");
        if (from.isEmpty()) {
            return;
        }
        Participant by = from.get();
        if (!onStage(by)) {
            reply(panelistId, error("forbidden", "only panelists and hosts answer questions"));
            return;
        }
        Optional<QuestionBoard.Question> found = questions.answer(questionId);
        if (found.isEmpty()) {
            reply(panelistId, error("not-found", "no such question"));
            return;
        }
        QuestionBoard.Question q = found.get();
        String json = Json.createObjectBuilder().add("type", "answer").add("questionId", q.id).add("question", q.text)
                .add("askerName", q.askerName).add("text", text).add("by", by.id).add("byName", by.name)
                .add("public", publicly).build().toString();
        deliverAnswer(json, q.askerId, publicly);
        mirror.publish(StageEvents.answer(q.id, q.askerId, publicly, json)); // the asker may be on another router
    }

    /** Public: everyone here; private: the stage here and the asker, if it is here and not on stage. */
    private void deliverAnswer(String json, String askerId, boolean publicly) {
        if (publicly) {
            broadcastExcept(null, json);
            return;
        }
        stage(s -> s.sink.send(json));
        Participant asker = participants.get(askerId);
        if (asker != null && asker.sink != null && !onStage(asker)) {
            asker.sink.send(json);
        }
    }

    /**
     * A host puts an attendee on stage, live: it gets send-capable media credentials in a {@code role} message (and the
     * stage's roster), joins the roster, and sends after binding them, without rejoining.
     */
    public synchronized void promote(String hostId, String participantId) {
        if (roleChangeElsewhere(hostId, participantId, true)) {
            return;
        }
        Optional<Participant> target = webinarHostAction(hostId, participantId);
        if (target.isEmpty()) {
            return;
        }
        Participant p = target.get();
        if (!isAttendee(p)) {
            reply(hostId, error("conflict", p.name + " is not an attendee"));
            return;
        }
        putOnStage(p);
    }

    private void putOnStage(Participant p) {
        p.panelist = true;
        p.handRaised = false;
        String pass = hex(24);
        p.stagePass = Optional.of(pass);
        promotions.record(p.account, pass); // a rejoin, on any router, keeps the role
        mirror.seat(seat(p)); // other routers show it on stage, and a resume elsewhere keeps the role
        p.sink.send(roleMessage(p).add("stagePass", pass).build().toString());
        shareRoster(p.id, "joined", p);
        audienceChanged();
    }

    /**
     * A host takes a panelist off stage, live: its media is revoked on every router at once (the relay refuses its
     * sending from then on and its send-capable tokens for good) and it gets receive-only credentials in a {@code role}
     * message; it leaves the roster and counts as an attendee again. Capacity is not checked: it was admitted.
     */
    public synchronized void demote(String hostId, String participantId) {
        if (roleChangeElsewhere(hostId, participantId, false)) {
            return;
        }
        Optional<Participant> target = webinarHostAction(hostId, participantId);
        if (target.isEmpty()) {
            return;
        }
        Participant p = target.get();
        if (!p.panelist) {
            reply(hostId, error("conflict", p.name + " is not a panelist"));
            return;
        }
        takeOffStage(p);
    }

    /**
     * Issue 23: a host here promotes or demotes a participant another router holds (its replicated seat says so): the
     * host is checked here, from this room's state; the holding router changes the role when the event arrives, as if
     * its own host had asked. False when this is not such a case (the local rules answer).
     */
    private boolean roleChangeElsewhere(String hostId, String participantId, boolean promote) {
        Participant host = participants.get(hostId);
        if (!webinar.enabled() || participantId == null || participants.containsKey(participantId) || host == null
                || !host.host) {
            return false;
        }
        Optional<SeatRecord> seat = seatsElsewhere().stream()
                .filter(s -> s.participantId().equals(participantId) && s.admitted()).findFirst();
        if (seat.isEmpty()) {
            return false;
        }
        if (seat.get().host() || promote != isAttendee(seat.get())) {
            reply(hostId,
                    error("conflict", seat.get().name() + (promote ? " is not an attendee" : " is not a panelist")));
            return true;
        }
        mirror.publish(StageEvents.role(participantId, promote));
        return true;
    }

    /** The holding router's half of {@link #roleChangeElsewhere}. */
    private void remoteRoleChange(String participantId, boolean promote) {
        Participant p = participants.get(participantId);
        if (p == null || p.host || p.state != Participant.State.IN_MEETING) {
            return;
        }
        if (promote && isAttendee(p)) {
            putOnStage(p);
        } else if (!promote && p.panelist) {
            takeOffStage(p);
        }
    }

    private void takeOffStage(Participant p) {
        shareRoster(null, "left", p); // while it still counts as on stage
        p.panelist = false;
        promotions.revoke(p.account, p.stagePass);
        p.stagePass = Optional.empty();
        mirror.seat(seat(p));
        effects.revokeMedia(meetingId, p.id);
        p.sink.send(roleMessage(p).build().toString());
        audienceChanged();
    }

    /** Tells everyone the attendee count if it changed since it was last told (called every second). */
    public synchronized void flushAudience() {
        if (audienceChanged) {
            tellAudience(System.nanoTime());
        }
    }

    /** Attendees here in the webinar (in it or reconnecting; not waiting). */
    public synchronized int attendeeCount() {
        return (int) participants.values().stream().filter(p -> isAttendee(p) && p.state != Participant.State.WAITING)
                .count();
    }

    /** Attendees here and on the other routers of the webinar (their seats). */
    private int attendeesEverywhere() {
        return attendeeCount() + attendeesAmong(seatsElsewhere());
    }

    private int stageCount() {
        return (int) participants.values().stream().filter(this::onStage).count();
    }

    /** On stage: anyone in a meeting; in a webinar the hosts and panelists. */
    private boolean onStage(Participant p) {
        return !webinar.enabled() || p.host || p.panelist;
    }

    private boolean isAttendee(Participant p) {
        return !onStage(p);
    }

    /** A roster event for the stage; an attendee's changes only change the count. */
    private void shareRoster(String exceptId, String event, Participant p) {
        if (onStage(p)) {
            share(exceptId, rosterEvent(event, p));
        } else {
            audienceChanged();
        }
    }

    /**
     * At most one count message a second, however many attendees come and go: told now or by the next flush. A change
     * here is also told to the webinar's other routers (once per telling, so at most once a second).
     */
    private void audienceChanged() {
        audienceChangedHere = true;
        audienceChangedAnywhere();
    }

    /** The count changed here or on another router (its seats are replicated before its event arrives). */
    private void audienceChangedAnywhere() {
        audienceChanged = true;
        long now = System.nanoTime();
        if (now - audienceToldAtNanos >= 1_000_000_000L) {
            tellAudience(now);
        }
    }

    private void tellAudience(long nowNanos) {
        audienceChanged = false;
        audienceToldAtNanos = nowNanos;
        broadcastExcept(null, Json.createObjectBuilder().add("type", "attendees").add("count", attendeesEverywhere())
                .build().toString());
        if (audienceChangedHere) {
            audienceChangedHere = false;
            mirror.publish(StageEvents.audience()); // never for a remote change: routers would echo each other
        }
    }

    private JsonObjectBuilder roleMessage(Participant p) {
        JsonArrayBuilder roster = Json.createArrayBuilder();
        participants.values().stream().filter(o -> o.state != Participant.State.WAITING && onStage(o))
                .forEach(o -> roster.add(o.view()));
        JsonObjectBuilder message = Json.createObjectBuilder().add("type", "role").add("role", p.role())
                .add("canSend", !isAttendee(p)).add("roster", roster).add("attendeeCount", attendeesEverywhere());
        if (onStage(p)) {
            message.add("hands", raisedHands()).add("questions", openQuestions());
        }
        effects.grantMedia(meetingId, p.id, isAttendee(p)).ifPresentOrElse(grant -> grant.addTo(message),
                () -> message.add("error", "the router's relay cannot issue media credentials now"));
        return message;
    }

    private Optional<Participant> inWebinar(String participantId, String what) {
        Participant p = participants.get(participantId);
        if (!webinar.enabled()) {
            reply(participantId, error("not-a-webinar", "only a webinar's participants " + what));
            return Optional.empty();
        }
        if (p == null || p.state != Participant.State.IN_MEETING) {
            reply(participantId, error("forbidden", "only participants in the webinar " + what));
            return Optional.empty();
        }
        return Optional.of(p);
    }

    private Optional<Participant> webinarHostAction(String hostId, String participantId) {
        if (!webinar.enabled()) {
            reply(hostId, error("not-a-webinar", "promote and demote are for webinars"));
            return Optional.empty();
        }
        Optional<Participant> target = hostAction(hostId, participantId);
        if (target.isPresent() && (target.get().state != Participant.State.IN_MEETING || target.get().host)) {
            reply(hostId, error("conflict", target.get().name + " cannot change role now"));
            return Optional.empty();
        }
        return target;
    }

    private JsonArrayBuilder raisedHands() {
        JsonArrayBuilder hands = Json.createArrayBuilder();
        participants.values().stream().filter(p -> p.handRaised && isAttendee(p))
                .forEach(p -> hands.add(Json.createObjectBuilder().add("participantId", p.id).add("name", p.name)));
        if (!remoteHands.isEmpty()) {
            // Other routers' attendees whose seat is still theirs and still an attendee's (not gone, not promoted).
            java.util.Set<String> stillAttending = new java.util.HashSet<>();
            seatsElsewhere().stream().filter(s -> s.admitted() && isAttendee(s))
                    .forEach(s -> stillAttending.add(s.participantId()));
            remoteHands.keySet().retainAll(stillAttending);
            remoteHands.forEach(
                    (id, name) -> hands.add(Json.createObjectBuilder().add("participantId", id).add("name", name)));
        }
        return hands;
    }

    private JsonArrayBuilder openQuestions() {
        JsonArrayBuilder open = Json.createArrayBuilder();
        questions.open()
                .forEach(q -> open.add(Json.createReader(new java.io.StringReader(questionEvent(q))).readObject()));
        return open;
    }

    private static String handEvent(Participant p) {
        return Json.createObjectBuilder().add("type", "hand").add("participantId", p.id).add("name", p.name)
                .add("raised", p.handRaised).build().toString();
    }

    private static String questionEvent(QuestionBoard.Question q) {
        return Json.createObjectBuilder().add("type", "question").add("id", q.id).add("from", q.askerId)
                .add("name", q.askerName).add("text", q.text).add("at", q.at.toString()).build().toString();
    }

    /** The stage members connected here (hosts and panelists in the webinar). */
    private void stage(Consumer<Participant> action) {
        participants.values().stream()
                .filter(p -> onStage(p) && p.sink != null && p.state == Participant.State.IN_MEETING).forEach(action);
    }

    private Optional<Participant> hostAction(String hostId, String participantId) {
        Participant host = participants.get(hostId);
        if (host == null || !host.host) {
            reply(hostId, error("forbidden", "only a host may do that"));
            return Optional.empty();
        }
        Participant target = participants.get(participantId);
        if (target == null) {
            reply(hostId, error("not-found", "no such participant"));
            return Optional.empty();
        }
        return Optional.of(target);
    }

    /**
     * The answer to a join, resume or admission. A participant in the meeting gets its media credentials with it; one
     * in the waiting room gets none, nor the roster.
     */
    private JsonObjectBuilder welcome(Participant p, String type) {
        JsonArrayBuilder roster = Json.createArrayBuilder();
        if (p.state != Participant.State.WAITING) {
            participants.values().stream().filter(o -> o.state != Participant.State.WAITING && onStage(o))
                    .forEach(o -> roster.add(o.view()));
            elsewhere().forEach(roster::add);
        }
        JsonObjectBuilder message = Json.createObjectBuilder().add("type", type).add("meetingId", meetingId)
                .add("participantId", p.id).add("sessionId", p.sessionId).add("resumeToken", p.resumeToken)
                .add("role", p.role()).add("audioMuted", p.audioMuted).add("roster", roster);
        if (webinar.enabled()) {
            message.add("webinar", true).add("attendeeCount", attendeesEverywhere()).add("canSend", !isAttendee(p));
            if (onStage(p) && p.state != Participant.State.WAITING) {
                message.add("hands", raisedHands()).add("questions", openQuestions());
            }
        }
        if (p.state == Participant.State.IN_MEETING) {
            effects.grantMedia(meetingId, p.id, isAttendee(p)).ifPresent(grant -> grant.addTo(message));
        }
        return message;
    }

    private static String rosterEvent(String event, Participant p) {
        return Json.createObjectBuilder().add("type", "roster").add("event", event).add("participant", p.view()).build()
                .toString();
    }

    static String error(String code, String message) {
        return Json.createObjectBuilder().add("type", "error").add("code", code).add("message", message).build()
                .toString();
    }

    private void reply(String participantId, String json) {
        Participant p = participants.get(participantId);
        if (p != null && p.sink != null) {
            p.sink.send(json);
        }
    }

    /** To this router's participants (but {@code exceptId}) and, through the mirror, to those on other routers. */
    private void share(String exceptId, String json) {
        broadcastExcept(exceptId, json);
        mirror.publish(json);
    }

    /** Seats of this meeting on other routers, as roster entries (not those this router holds itself). */
    private List<JsonObject> elsewhere() {
        return seatsElsewhere().stream().filter(s -> s.admitted() && !isAttendee(s)).map(SeatRecord::view).toList();
    }

    /** Issue 23: a seat on another router that is a webinar attendee (counted, not listed). */
    private boolean isAttendee(SeatRecord seat) {
        return webinar.enabled() && !seat.host() && !seat.panelist();
    }

    private int attendeesAmong(List<SeatRecord> seats) {
        return (int) seats.stream().filter(s -> s.admitted() && isAttendee(s)).count();
    }

    /** Seats of this meeting held by other routers, waiting room included. */
    private List<SeatRecord> seatsElsewhere() {
        return mirror.elsewhere().stream().filter(s -> !participants.containsKey(s.participantId())).toList();
    }

    private SeatRecord seat(Participant p) {
        return SeatRecord.of(meetingId, p, "", clock.instant());
    }

    /**
     * Sends a resumed participant the chat after {@code lastChatId} (nothing when negative). Reads the database, so it
     * runs outside the room's lock; a message shared meanwhile may arrive twice, and clients keep the first by its id.
     */
    public void replayChat(ControlSink sink, long lastChatId) {
        if (lastChatId >= 0) {
            chatLog.after(meetingId, lastChatId).forEach(entry -> sink.send(chatMessage(entry)));
        }
    }

    private static String chatMessage(ChatLog.Entry entry) {
        return Json.createObjectBuilder().add("type", "chat").add("id", entry.id()).add("from", entry.participantId())
                .add("name", entry.name()).add("text", entry.text()).add("at", entry.at().toString()).build()
                .toString();
    }

    private void broadcastExcept(String exceptId, String json) {
        for (Participant p : participants.values()) {
            if (p.sink != null && p.state == Participant.State.IN_MEETING && !p.id.equals(exceptId)) {
                p.sink.send(json);
            }
        }
    }

    private void hosts(Consumer<Participant> action) {
        participants.values().stream().filter(p -> p.host && p.sink != null).forEach(action);
    }

    private String hex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
