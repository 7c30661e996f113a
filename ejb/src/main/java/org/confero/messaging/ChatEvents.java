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
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

import java.io.StringReader;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.confero.cluster.ClusterCaches;
import org.infinispan.Cache;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.event.CacheEntryCreatedEvent;
import org.jboss.logging.Logger;

/**
 * Real-time chat events across the cluster: an event (a new message, a room change, a read mark) is written once to the
 * replicated {@code chat-events} cache with the usernames it is for, and every server's listener — the writing server's
 * too — hands it to its own connections of those users. One path for local and remote users, so a user on server 1 and
 * one on server 2 see the same events in the same way. Entries expire after a minute: the cache is a transport, the
 * database the record (a client that missed an event asks for everything after its last message id).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ChatEvents {

    private static final Logger LOG = Logger.getLogger(ChatEvents.class);
    private static final long LIFESPAN_SECONDS = 60;

    @Resource(lookup = ClusterCaches.JNDI_PREFIX + ClusterCaches.CHAT_EVENTS)
    private Cache<String, String> events;

    private volatile ChatDelivery delivery = (recipients, json) -> {
    };
    private Arrivals arrivals;

    @PostConstruct
    void listen() {
        arrivals = new Arrivals();
        events.addListener(arrivals);
    }

    @PreDestroy
    void stop() {
        events.removeListener(arrivals);
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
        String event = Json.createObjectBuilder().add("to", to).add("event", json).build().toString();
        events.putAsync(UUID.randomUUID().toString(), event, LIFESPAN_SECONDS, TimeUnit.SECONDS)
                .exceptionally(failure -> {
                    LOG.warnf("A chat event did not reach the cluster: %s", failure);
                    return null;
                });
    }

    /** Runs on the thread that applies the write; delivery only queues frames on connections. */
    @Listener(sync = true, primaryOnly = false, observation = Listener.Observation.POST)
    public final class Arrivals {
        @CacheEntryCreated
        public void arrived(CacheEntryCreatedEvent<String, String> event) {
            if (event.getValue() == null) {
                return;
            }
            try (JsonReader reader = Json.createReader(new StringReader(event.getValue()))) {
                JsonObject e = reader.readObject();
                Set<String> to = e.getJsonArray("to").getValuesAs(JsonString.class).stream().map(JsonString::getString)
                        .collect(Collectors.toUnmodifiableSet());
                delivery.deliver(to, e.getString("event"));
            } catch (RuntimeException failure) {
                LOG.debugf("Ignoring an unreadable chat event: %s", failure.getMessage());
            }
        }
    }
}
