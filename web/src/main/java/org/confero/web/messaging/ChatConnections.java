package org.confero.web.messaging;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.confero.messaging.ChatEvents;
import org.confero.presence.Presence;
import org.confero.presence.PresenceStatus;

/**
 * The chat WebSockets open on this server, by user. Chat events from any server arrive here (through
 * {@link ChatEvents}) and go to the connections of the users they are for; presence changes go to every connection,
 * presence being visible across the organisation, as in its directory.
 */
@ApplicationScoped
public class ChatConnections {

    @EJB
    private ChatEvents events;

    @EJB
    private Presence presence;

    private final ConcurrentHashMap<String, Set<ChatConnection>> byUser = new ConcurrentHashMap<>();

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        events.deliverWith(this::deliver);
        presence.watchWith(this::presenceChanged);
    }

    void add(ChatConnection connection) {
        byUser.computeIfAbsent(connection.username(), user -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    void remove(ChatConnection connection) {
        byUser.computeIfPresent(connection.username(), (user, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    private void deliver(Set<String> recipients, String json) {
        for (String user : recipients) {
            Set<ChatConnection> connections = byUser.get(user);
            if (connections != null) {
                connections.forEach(connection -> connection.send(json));
            }
        }
    }

    private void presenceChanged(String user, PresenceStatus status) {
        String json = Json.createObjectBuilder().add("type", "presence").add("user", user)
                .add("status", status.wireName()).build().toString();
        byUser.values().forEach(connections -> connections.forEach(connection -> connection.send(json)));
    }
}
