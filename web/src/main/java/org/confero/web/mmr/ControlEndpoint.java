package org.confero.web.mmr;

import org.confero.web.socket.JsonFrames;
import org.confero.web.socket.OutboundText;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.util.Optional;

import org.confero.control.ControlRooms;
import org.jboss.logging.Logger;

/**
 * The control channel (WebSocket over TLS on the multimedia router). Text frames of JSON, each with a {@code type}:
 * <ul>
 * <li>{@code join {joinToken}} or {@code resume {meetingId, participantId, sessionId, resumeToken, lastChatId?}} first
 * — on this router or any other of the cluster, which then adopts the seat; chat after {@code lastChatId} is
 * replayed;</li>
 * <li>then {@code mute {participantId, media: audio|video, muted}}, {@code chat {text}}, {@code admit {participantId}},
 * {@code remove {participantId}}, {@code end}, {@code leave}, {@code media-credentials}, {@code ping};</li>
 * <li>in a webinar (issue 23) also {@code hand {raised}} (attendees), {@code question {text}}, {@code answer
 * {questionId, text, private?}} (panelists, hosts), {@code promote {participantId}} and {@code demote {participantId}}
 * (hosts), answered with {@code hand}, {@code question}, {@code question-received}, {@code answer}, {@code role {role,
 * canSend, media…}} and {@code attendees {count}};</li>
 * </ul>
 * answered with {@code joined|waiting|resumed|admitted}, {@code roster} events, {@code chat {id, from, name, text,
 * at}}, {@code media-credentials}, {@code removed}, {@code ended}, {@code pong} and {@code error {code, message}}.
 * Media credentials ({@code media {audio|video|content: {token, password}}, mediaExpires}) come only with
 * {@code joined}, {@code admitted}, {@code resumed} and {@code media-credentials}, to a participant in the meeting. Who
 * sends a message is the participant this connection joined or resumed as, never a field of the message. A malformed,
 * oversized or unauthorised message gets an error and changes nothing; a connection idle for a minute (no ping) is
 * closed and may resume. Limits: a connection that has not joined or resumed within
 * {@code confero.control.join.deadline.seconds} is closed (1008, pings do not extend it), and one client address holds
 * at most {@code confero.control.connections.per.source} connections ({@link ControlConnectionLimits}).
 */
@ServerEndpoint(value = "/api/v1/mmr/control", configurator = org.confero.web.socket.ClientAddressConfigurator.class)
public class ControlEndpoint {

    private static final Logger LOG = Logger.getLogger(ControlEndpoint.class);
    private static final int MAX_MESSAGE_CHARS = 8192;
    /** Frames up to this size are read and answered with an error when too long; larger ones close (1009). */
    private static final int MAX_FRAME_CHARS = 65536;
    private static final int MAX_CHAT_CHARS = 2000;
    private static final int MAX_QUESTION_CHARS = 1000;
    private static final long IDLE_MILLIS = 60_000;

    @EJB
    private ControlRooms rooms;

    @EJB
    private org.confero.quality.CallQuality quality;

    private OutboundText out;
    // Volatile: the join deadline reads it from the container's timer thread.
    private volatile ControlRooms.Joined joined;
    private boolean left;

    @jakarta.inject.Inject
    private ControlConnectionLimits limits;
    /** This connection's place under the per-source limit, and its join deadline. */
    private ControlConnectionLimits.Admission admission = ControlConnectionLimits.Admission.NONE;

    @OnOpen
    public void open(Session session) {
        session.setMaxTextMessageBufferSize(MAX_FRAME_CHARS);
        session.setMaxIdleTimeout(IDLE_MILLIS);
        out = new OutboundText(session);
        admission = limits.admit(session, () -> joined != null);
    }

    @OnMessage
    public void message(Session session, String text) {
        try {
            handle(text);
        } catch (RuntimeException e) {
            // A failure behind one message (database, relay) is answered, logged, and leaves the connection usable.
            String incident = java.util.UUID.randomUUID().toString();
            LOG.errorf(e, "Control message failed (incident %s)", incident);
            error("internal-error", "the message could not be handled (incident " + incident + ")");
        }
    }

    private void handle(String text) {
        if (text.length() > MAX_MESSAGE_CHARS) {
            error("message-too-large", "a control message has at most " + MAX_MESSAGE_CHARS + " characters");
            return;
        }
        Optional<JsonObject> parsed = JsonFrames.object(text);
        if (parsed.isEmpty()) {
            error("invalid-message", "not a JSON object");
            return;
        }
        JsonObject message = parsed.get();
        String type = string(message, "type");
        if (type == null) {
            error("invalid-message", "a message needs a type");
            return;
        }
        if ("ping".equals(type)) {
            out.send("{\"type\":\"pong\"}");
            return;
        }
        if (joined == null) {
            beforeJoin(type, message);
            return;
        }
        String me = joined.participantId();
        switch (type) {
        case "mute" -> {
            String target = Optional.ofNullable(string(message, "participantId")).orElse(me);
            String media = Optional.ofNullable(string(message, "media")).orElse("audio");
            if (!message.containsKey("muted")
                    || !(message.get("muted") == JsonValue.TRUE || message.get("muted") == JsonValue.FALSE)) {
                error("invalid-message", "mute needs muted: true or false");
                return;
            }
            joined.room().mute(me, target, media, message.getBoolean("muted"));
        }
        case "chat" -> {
            String chat = string(message, "text");
            if (chat == null || chat.isBlank() || chat.length() > MAX_CHAT_CHARS) {
                error("invalid-message", "chat text must be 1 to " + MAX_CHAT_CHARS + " characters");
                return;
            }
            joined.room().chat(me, chat);
        }
        case "hand" -> {
            if (!(message.get("raised") == JsonValue.TRUE || message.get("raised") == JsonValue.FALSE)) {
                error("invalid-message", "hand needs raised: true or false");
                return;
            }
            joined.room().raiseHand(me, message.getBoolean("raised"));
        }
        case "question" -> {
            String question = string(message, "text");
            if (question == null || question.isBlank() || question.length() > MAX_QUESTION_CHARS) {
                error("invalid-message", "a question is 1 to " + MAX_QUESTION_CHARS + " characters");
                return;
            }
            joined.room().ask(me, question);
        }
        case "answer" -> {
            String answer = string(message, "text");
            if (!(message.get("questionId") instanceof jakarta.json.JsonNumber id) || !id.isIntegral() || answer == null
                    || answer.isBlank() || answer.length() > MAX_CHAT_CHARS) {
                error("invalid-message",
                        "answer needs a questionId and a text of 1 to " + MAX_CHAT_CHARS + " characters");
                return;
            }
            joined.room().answer(me, id.longValue(), answer, message.get("private") != JsonValue.TRUE);
        }
        case "promote" -> joined.room().promote(me, string(message, "participantId"));
        case "demote" -> joined.room().demote(me, string(message, "participantId"));
        case "admit" -> joined.room().admit(me, string(message, "participantId"));
        case "remove" -> joined.room().remove(me, string(message, "participantId"));
        case "end" -> joined.room().end(me);
        case "media-credentials" -> joined.room().mediaCredentials(me);
        // Issue 22: call quality and join timings, kept under the identity this connection joined as.
        case "quality" -> {
            if (!quality.report(joined.meetingId(), me, message)) {
                error("invalid-message", "quality needs client (java, cli, web) and media {audio|video|content: "
                        + "{loss 0..1, jitterMs, rttMs}}");
            }
        }
        case "join-phases" -> {
            if (!quality.joinPhases(joined.meetingId(), me, message)) {
                error("invalid-message", "join-phases needs client and phases {name: seconds}");
            }
        }
        case "leave" -> {
            left = true;
            quality.left(joined.meetingId(), me);
            joined.room().leave(me);
            out.close("left");
        }
        case "join", "resume" -> error("invalid-message", "already joined");
        default -> error("invalid-message", "unknown message type '" + abbreviate(type) + "'");
        }
    }

    private void beforeJoin(String type, JsonObject message) {
        switch (type) {
        case "join" -> {
            String token = string(message, "joinToken");
            if (token == null) {
                error("invalid-message", "join needs a joinToken");
                return;
            }
            // Issue 23: a stage pass from an earlier promotion; the room checks it against what it issued.
            joined = rooms.join(token, Optional.ofNullable(string(message, "stagePass")), out).orElse(null);
        }
        case "resume" -> joined = rooms.resume(nonNull(string(message, "meetingId")),
                nonNull(string(message, "sessionId")), nonNull(string(message, "resumeToken")),
                nonNull(string(message, "participantId")), lastChatId(message), out).orElse(null);
        default -> error("unauthenticated", "join (or resume) first");
        }
        if ("resume".equals(type) && joined == null) {
            error("resume-failed", "no session to resume (grace period over?); join again");
        }
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        admission.release();
        if (joined != null && !left) {
            joined.room().disconnected(joined.participantId(), out);
        }
    }

    @OnError
    public void failed(Session session, Throwable failure) {
        LOG.debugf("Control connection failed: %s", failure.toString());
    }

    private void error(String code, String message) {
        out.send(Json.createObjectBuilder().add("type", "error").add("code", code).add("message", message).build()
                .toString());
    }

    private static String string(JsonObject message, String name) {
        JsonValue value = message.get(name);
        return value instanceof JsonString s ? s.getString() : null;
    }

    /** The id of the last chat message the client saw; -1 (replay nothing) when absent or not a number. */
    private static long lastChatId(JsonObject message) {
        return message.get("lastChatId") instanceof jakarta.json.JsonNumber n && n.isIntegral() ? n.longValue() : -1;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
