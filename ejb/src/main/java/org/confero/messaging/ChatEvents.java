package org.confero.messaging;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.confero.cluster.ClusterCaches;
import org.confero.cluster.EventChannel;
import org.infinispan.Cache;

/**
 * Real-time chat events across the cluster: an event (a new message, a room change, a read mark) goes once through the
 * replicated {@code chat-events} cache ({@link EventChannel}) with the usernames it is for, and every server's listener
 * — the writing server's too — hands it to its own connections of those users. One path for local and remote users, so
 * a user on server 1 and one on server 2 see the same events in the same way. Entries expire after a minute: the cache
 * is a transport, the database the record (a client that missed an event asks for everything after its last message
 * id).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ChatEvents {

    @Resource(lookup = ClusterCaches.JNDI_PREFIX + ClusterCaches.CHAT_EVENTS)
    private Cache<String, String> events;

    private volatile ChatDelivery delivery = (recipients, json) -> {
    };
    private EventChannel channel;

    @PostConstruct
    void listen() {
        channel = new EventChannel(events, "chat", true, this::arrived);
    }

    @PreDestroy
    void stop() {
        channel.close();
    }

    /** Where events go on this server. Set once by the web tier's connection registry. */
    public void deliverWith(ChatDelivery delivery) {
        this.delivery = delivery;
    }

    /** Publishes {@code json} to {@code recipients}, wherever they are connected, without waiting. */
    public void publish(Collection<String> recipients, String json) {
        if (recipients.isEmpty()) {
            return;
        }
        JsonArrayBuilder to = Json.createArrayBuilder();
        recipients.forEach(to::add);
        channel.publish(Json.createObjectBuilder().add("to", to).add("event", json).build());
    }

    /** Delivery only queues frames on connections. */
    private void arrived(JsonObject event) {
        Set<String> to = event.getJsonArray("to").getValuesAs(JsonString.class).stream().map(JsonString::getString)
                .collect(Collectors.toUnmodifiableSet());
        delivery.deliver(to, event.getString("event"));
    }
}
