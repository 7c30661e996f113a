package org.confero.web.messaging;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.confero.common.api.Actor;
import org.confero.common.api.DomainException;
import org.confero.messaging.ChatMessages;
import org.confero.messaging.ChatRooms;
import org.confero.messaging.ChatTickets;
import org.confero.presence.Presence;
import org.confero.protocol.rest.ChatMessageRequest;
import org.confero.protocol.rest.ChatMessageView;
import org.confero.protocol.rest.ChatMessagesView;
import org.confero.user.User;
import org.confero.user.Users;
import org.confero.web.socket.JsonFrames;
import org.confero.web.socket.OutboundText;
import org.jboss.logging.Logger;

/**
 * The chat WebSocket. Text frames of JSON with a {@code type}:
 * <ul>
 * <li>first {@code hello {ticket, after?}} (a ticket from {@code POST /api/v1/chat/tickets}; {@code after}: the last
 * message id the client has) → {@code welcome {user}}, then every message after {@code after} as {@code message} events
 * and {@code synced {lastId}};</li>
 * <li>then {@code send {roomId, text?, attachments?, ref?}} → {@code sent {ref, message}}; {@code presence {status}};
 * {@code read {roomId, lastReadId}}; {@code ping} → {@code pong};</li>
 * </ul>
 * and at any time the events of {@link ChatNotices} and {@code presence {user, status}}. Every failure is answered with
 * {@code error {code, message, ref?}} and changes nothing; a connection that does not say hello within 15 s, or sends
 * anything else first, is closed (1008); an idle one after two minutes without a ping.
 */
@ServerEndpoint("/api/v1/chat/ws")
public class ChatEndpoint {

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class);
    private static final int MAX_MESSAGE_CHARS = 16_384;
    private static final int MAX_FRAME_CHARS = 65_536;
    private static final long HELLO_MILLIS = 15_000;
    private static final long IDLE_MILLIS = 120_000;
    private static final int REPLAY_LIMIT = 1000;

    @Inject
    private ChatTickets tickets;

    @Inject
    private ChatConnections connections;

    @Inject
    private ChatNotices notices;

    @EJB
    private ChatMessages messages;

    @EJB
    private ChatRooms rooms;

    @EJB
    private Presence presence;

    @EJB
    private Users users;

    private OutboundText out;
    private ChatConnection connection;
    private Actor actor;

    @OnOpen
    public void open(Session session) {
        session.setMaxTextMessageBufferSize(MAX_FRAME_CHARS);
        session.setMaxIdleTimeout(HELLO_MILLIS);
        out = new OutboundText(session);
    }

    @OnMessage
    public void message(Session session, String text) {
        Optional<String> ref = Optional.empty();
        try {
            if (text.length() > MAX_MESSAGE_CHARS) {
                error("message-too-large", "a chat frame has at most " + MAX_MESSAGE_CHARS + " characters", ref);
                return;
            }
            Optional<JsonObject> parsed = JsonFrames.object(text);
            if (parsed.isEmpty()) {
                error("malformed-json", "a chat frame is a JSON object with a type", ref);
                return;
            }
            JsonObject frame = parsed.get();
            ref = Optional.ofNullable(frame.get("ref")).filter(v -> v.getValueType() == JsonValue.ValueType.STRING)
                    .map(v -> ((JsonString) v).getString()).filter(r -> r.length() <= 64);
            String type = frame.getString("type", "");
            if (actor == null) {
                hello(session, type, frame);
            } else {
                handle(type, frame, ref);
            }
        } catch (DomainException e) {
            error(e.type().slug(), e.detail(), ref);
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            LOG.errorf(e, "Chat frame failed (incident %s)", incident);
            error("internal-error", "the frame could not be handled (incident " + incident + ")", ref);
        }
    }

    private void hello(Session session, String type, JsonObject frame) {
        Optional<User> user = "hello".equals(type)
                ? tickets.userOf(frame.getString("ticket", null)).flatMap(users::find).filter(User::enabled)
                : Optional.empty();
        if (user.isEmpty()) {
            error("unauthenticated", "the first frame is hello with a valid, unexpired ticket", Optional.empty());
            closeQuietly(session, "unauthenticated");
            return;
        }
        actor = new Actor(user.get().username(), user.get().isAdmin());
        session.setMaxIdleTimeout(IDLE_MILLIS);
        connection = new ChatConnection(actor.username(), session, out);
        connections.add(connection);
        presence.connected(actor.username());
        out.send(Json.createObjectBuilder().add("type", "welcome").add("user", actor.username())
                .add("status", presence.statusOf(actor.username()).wireName()).build().toString());
        if (frame.containsKey("after")) {
            replay(number(frame, "after"));
        }
    }

    /** Everything the client missed, oldest first, then where it is now. */
    private void replay(long after) {
        long last = after;
        ChatMessagesView page = messages.since(actor.username(), after, REPLAY_LIMIT);
        for (ChatMessageView message : page.items()) {
            out.send(notices.messageEvent(message));
            last = message.id();
        }
        out.send(Json.createObjectBuilder().add("type", "synced").add("lastId", last).add("more", page.more()).build()
                .toString());
    }

    private void handle(String type, JsonObject frame, Optional<String> ref) {
        switch (type) {
        case "send" -> send(frame, ref);
        case "presence" -> presence.choose(actor.username(), frame.getString("status", null));
        case "read" -> {
            String roomId = frame.getString("roomId", null);
            long lastReadId = frame.getJsonNumber("lastReadId") == null ? -1
                    : frame.getJsonNumber("lastReadId").longValue();
            rooms.markRead(actor, roomId, lastReadId);
            notices.readMarked(actor.username(), roomId, lastReadId);
        }
        case "ping" -> out.send("{\"type\":\"pong\"}");
        case "hello" -> error("already-authenticated", "this connection said hello already", ref);
        default -> error("unknown-type", "unknown frame type", ref);
        }
    }

    private void send(JsonObject frame, Optional<String> ref) {
        JsonArray ids = frame.containsKey("attachments") && frame.get("attachments") instanceof JsonArray array ? array
                : JsonValue.EMPTY_JSON_ARRAY;
        List<String> attachments = ids.stream().filter(v -> v instanceof JsonString)
                .map(v -> ((JsonString) v).getString()).toList();
        if (attachments.size() != ids.size()) {
            throw DomainException.invalid("attachments is a list of attachment ids");
        }
        ChatMessages.Posted posted = messages.post(actor, frame.getString("roomId", null),
                new ChatMessageRequest(frame.getString("text", null), attachments));
        out.send(notices.sentEvent(ref, posted.message()));
        notices.messagePosted(posted);
    }

    private void error(String code, String message, Optional<String> ref) {
        JsonObjectBuilder error = Json.createObjectBuilder().add("type", "error").add("code", code).add("message",
                message);
        ref.ifPresent(r -> error.add("ref", r));
        out.send(error.build().toString());
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        leave();
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.debugf("Chat connection failed: %s", failure.toString());
        leave();
    }

    private synchronized void leave() {
        if (connection != null) {
            connections.remove(connection);
            presence.disconnected(connection.username());
            connection = null;
        }
    }

    private static long number(JsonObject frame, String name) {
        if (frame.get(name) instanceof JsonNumber number && number.isIntegral() && number.longValue() >= 0) {
            return number.longValue();
        }
        throw DomainException.invalid(name + " must be a message id");
    }

    private static void closeQuietly(Session session, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, reason));
        } catch (IOException | IllegalStateException e) {
            // already closed
        }
    }
}
