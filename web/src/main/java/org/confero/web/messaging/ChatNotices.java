package org.confero.web.messaging;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.confero.messaging.ChatEvents;
import org.confero.messaging.ChatMessages;
import org.confero.protocol.rest.ChatMessageView;
import org.confero.web.rest.JsonbSettings;

/**
 * The chat WebSocket's events, written after the change is committed and published to every server:
 * <ul>
 * <li>{@code message {message}} — to the room's members;</li>
 * <li>{@code room {roomId, change: created|member-added|member-removed, username?}} — to the members before and after
 * the change (a client fetches the room again);</li>
 * <li>{@code read {roomId, lastReadId}} — to the reader's other connections.</li>
 * </ul>
 */
@ApplicationScoped
public class ChatNotices {

    private final Jsonb jsonb = JsonbBuilder.create(JsonbSettings.config());

    @EJB
    private ChatEvents events;

    void messagePosted(ChatMessages.Posted posted) {
        events.publish(posted.members(), messageEvent(posted.message()));
    }

    String messageEvent(ChatMessageView message) {
        return "{\"type\":\"message\",\"message\":" + jsonb.toJson(message) + "}";
    }

    /** The answer to the sender's {@code send}: {@code sent {ref?, message}}. */
    String sentEvent(Optional<String> ref, ChatMessageView message) {
        String refMember = ref.map(r -> "\"ref\":" + Json.createValue(r) + ",").orElse("");
        return "{\"type\":\"sent\"," + refMember + "\"message\":" + jsonb.toJson(message) + "}";
    }

    void roomChanged(String roomId, String change, String username, Collection<String> members) {
        var event = Json.createObjectBuilder().add("type", "room").add("roomId", roomId).add("change", change);
        if (username != null) {
            event.add("username", username);
        }
        events.publish(members, event.build().toString());
    }

    void readMarked(String username, String roomId, long lastReadId) {
        events.publish(List.of(username), Json.createObjectBuilder().add("type", "read").add("roomId", roomId)
                .add("lastReadId", lastReadId).build().toString());
    }
}
