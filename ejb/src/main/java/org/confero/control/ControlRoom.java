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
 * One meeting's control state on this router. Every method takes the room's lock, so the roster that participants see
 * is always consistent; sending happens through {@link ControlSink}s, which never block.
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

    /** What a room asks of its surroundings: revoke media, end the meeting for good. */
    public interface Effects {
        void revokeMedia(String meetingId, String participantId);

        void meetingEnded(String meetingId);
    }

    private final String meetingId;
    private final boolean waitingRoom;
    private final boolean muteOnEntry;
    private final Duration grace;
    private final Clock clock;
    private final Effects effects;
    private final RoomMirror mirror;
    private final ChatLog chatLog;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private boolean ended;

    public ControlRoom(String meetingId, boolean waitingRoom, boolean muteOnEntry, Duration grace, Clock clock,
            Effects effects, RoomMirror mirror, ChatLog chatLog) {
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
    public synchronized void join(String participantId, String name, boolean host, ControlSink sink) {
        join(participantId, name, host, Optional.empty(), sink);
    }

    /**
     * A participant (admitted by its join token, which names its account if it signed in) connects. A second join with
     * the same id replaces the first.
     */
    public synchronized void join(String participantId, String name, boolean host, Optional<String> account,
            ControlSink sink) {
        if (ended) {
            sink.send(error("meeting-ended", "the meeting has ended"));
            sink.close("meeting ended");
            return;
        }
        Participant previous = participants.remove(participantId);
        if (previous != null && previous.sink != null) {
            previous.sink.close("joined from another connection");
        }
        Participant.State state = waitingRoom && !host ? Participant.State.WAITING : Participant.State.IN_MEETING;
        Participant participant = new Participant(participantId, name, host, account, hex(16), hex(24), state,
                muteOnEntry && !host, sink);
        participants.put(participantId, participant);
        mirror.seat(seat(participant));
        sink.send(joined(participant));
        if (state == Participant.State.IN_MEETING) {
            share(participantId, rosterEvent("joined", participant));
        } else {
            hosts(h -> h.sink.send(rosterEvent("waiting", participant)));
        }
    }

    /** Resumes a dropped session; false when the grace period is over or the credentials do not match. */
    public synchronized boolean resume(String sessionId, String resumeToken, ControlSink sink) {
        return resume(sessionId, resumeToken, -1, sink);
    }

    /** Resumes and replays the chat after {@code lastChatId} (none when negative). */
    public synchronized boolean resume(String sessionId, String resumeToken, long lastChatId, ControlSink sink) {
        expireReconnecting();
        for (Participant p : participants.values()) {
            if (p.sessionId.equals(sessionId)
                    && java.security.MessageDigest.isEqual(p.resumeToken.getBytes(), resumeToken.getBytes())
                    && p.state == Participant.State.RECONNECTING) {
                p.sink = sink;
                p.state = Participant.State.IN_MEETING;
                mirror.seat(seat(p));
                sink.send(joinedMessage(p, "resumed"));
                replayChat(sink, lastChatId);
                share(p.id, rosterEvent("updated", p));
                return true;
            }
        }
        return false;
    }

    /**
     * Resumes on this router a seat another router held (it died, or the client could not reach it): the participant
     * keeps its id, role, mute state and resume credentials, and the other routers' rosters show it here.
     */
    public synchronized boolean adopt(SeatRecord seat, String resumeToken, long lastChatId, ControlSink sink) {
        if (ended || !seat.meetingId().equals(meetingId) || !seat.admitted()) {
            return false; // a waiting attendee is admitted by a host, never by moving
        }
        Participant previous = participants.get(seat.participantId());
        if (previous != null) {
            return false; // held here: an ordinary resume, which checks its own state
        }
        Participant p = new Participant(seat.participantId(), seat.name(), seat.host(), seat.account(),
                seat.sessionId(), resumeToken, Participant.State.IN_MEETING, seat.audioMuted(), sink);
        p.videoMuted = seat.videoMuted();
        participants.put(p.id, p);
        mirror.seat(seat(p));
        sink.send(joinedMessage(p, "resumed"));
        replayChat(sink, lastChatId);
        share(p.id, rosterEvent("updated", p));
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
        broadcastExcept(null, json);
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
        share(participantId, rosterEvent("updated", p));
    }

    public synchronized void leave(String participantId) {
        Participant p = participants.remove(participantId);
        if (p != null) {
            effects.revokeMedia(meetingId, participantId);
            mirror.vacate(participantId);
            share(participantId, rosterEvent("left", p));
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
        share(null, rosterEvent("updated", target));
    }

    public synchronized void chat(String fromId, String text) {
        Participant from = participants.get(fromId);
        if (from == null || from.state != Participant.State.IN_MEETING) {
            reply(fromId, error("forbidden", "only participants in the meeting may chat"));
            return;
        }
        ChatLog.Entry stored = chatLog.store(meetingId, from.id, from.name, text, clock.instant());
        share(null, chatMessage(stored));
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
        p.state = Participant.State.IN_MEETING;
        mirror.seat(seat(p));
        p.sink.send(joinedMessage(p, "admitted"));
        share(p.id, rosterEvent("joined", p));
    }

    public synchronized void remove(String hostId, String participantId) {
        Optional<Participant> target = hostAction(hostId, participantId);
        if (target.isEmpty()) {
            return;
        }
        Participant p = target.get();
        participants.remove(participantId);
        effects.revokeMedia(meetingId, participantId);
        mirror.vacate(participantId);
        if (p.sink != null) {
            p.sink.send(Json.createObjectBuilder().add("type", "removed").build().toString());
            p.sink.close("removed by the host");
        }
        share(null, rosterEvent("left", p));
    }

    public synchronized void end(String hostId) {
        Participant host = participants.get(hostId);
        if (host == null || !host.host) {
            reply(hostId, error("forbidden", "only a host may end the meeting"));
            return;
        }
        ended = true;
        // The meeting is ended for good (database, relay) before anyone is told, so whoever hears "ended" and looks
        // the meeting up again already gets "meeting ended".
        effects.meetingEnded(meetingId);
        String message = Json.createObjectBuilder().add("type", "ended").build().toString();
        mirror.publish(message);
        closeAll(message);
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
            share(null, rosterEvent("updated", p));
        }
    }

    public synchronized List<JsonObject> roster() {
        expireReconnecting();
        List<JsonObject> roster = new ArrayList<>();
        participants.values().stream().filter(p -> p.state != Participant.State.WAITING).map(Participant::view)
                .forEach(roster::add);
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
                    share(null, rosterEvent("left", p));
                } // else it resumed on another router, which holds the seat now: it has not left

            }
        }
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

    private String joined(Participant p) {
        return joinedMessage(p, p.state == Participant.State.WAITING ? "waiting" : "joined");
    }

    private String joinedMessage(Participant p, String type) {
        JsonArrayBuilder roster = Json.createArrayBuilder();
        if (p.state != Participant.State.WAITING) {
            participants.values().stream().filter(o -> o.state != Participant.State.WAITING)
                    .forEach(o -> roster.add(o.view()));
            elsewhere().forEach(roster::add);
        }
        JsonObjectBuilder message = Json.createObjectBuilder().add("type", type).add("meetingId", meetingId)
                .add("participantId", p.id).add("sessionId", p.sessionId).add("resumeToken", p.resumeToken)
                .add("role", p.host ? "host" : "attendee").add("audioMuted", p.audioMuted).add("roster", roster);
        return message.build().toString();
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
        return mirror.elsewhere().stream().filter(s -> !participants.containsKey(s.participantId()))
                .filter(SeatRecord::admitted).map(SeatRecord::view).toList();
    }

    private SeatRecord seat(Participant p) {
        return SeatRecord.of(meetingId, p, "", clock.instant());
    }

    private void replayChat(ControlSink sink, long lastChatId) {
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
