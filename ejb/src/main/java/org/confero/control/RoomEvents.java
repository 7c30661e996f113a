package org.confero.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.confero.cluster.ClusterCaches;
import org.confero.common.ServerIdentity;
import org.infinispan.Cache;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.event.CacheEntryCreatedEvent;
import org.jboss.logging.Logger;

/**
 * Control events between routers: a room's event is written once to the replicated {@code room-events} cache (an entry
 * that expires after a minute), and every other server's listener hands it to its room of the meeting, if it has one.
 * The cache's replication is the transport, so the events travel the cluster's JGroups channel like every other piece
 * of shared state.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RoomEvents {

    private static final Logger LOG = Logger.getLogger(RoomEvents.class);
    private static final long LIFESPAN_SECONDS = 60;

    @Resource(lookup = ClusterCaches.JNDI_PREFIX + ClusterCaches.ROOM_EVENTS)
    private Cache<String, String> events;

    @Inject
    private ServerIdentity identity;

    private volatile BiConsumer<String, String> receiver = (meeting, json) -> {
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

    /** Where events of other servers go: (meeting id, message). Set once by the rooms. */
    public void receiveWith(BiConsumer<String, String> receiver) {
        this.receiver = receiver;
    }

    /** Publishes without waiting for the other servers. */
    public void publish(String meetingId, String json) {
        String event = Json.createObjectBuilder().add("meeting", meetingId).add("origin", identity.node())
                .add("message", json).build().toString();
        events.putAsync(UUID.randomUUID().toString(), event, LIFESPAN_SECONDS, TimeUnit.SECONDS)
                .exceptionally(failure -> {
                    LOG.warnf("A control event of meeting %s did not reach the cluster: %s", meetingId, failure);
                    return null;
                });
    }

    /** Delivered on the thread that applies the replicated write; rooms only queue messages to their sinks. */
    @Listener(sync = true, primaryOnly = false, observation = Listener.Observation.POST)
    public final class Arrivals {
        @CacheEntryCreated
        public void arrived(CacheEntryCreatedEvent<String, String> event) {
            if (event.isOriginLocal() || event.getValue() == null) {
                return;
            }
            try (JsonReader reader = Json.createReader(new StringReader(event.getValue()))) {
                JsonObject e = reader.readObject();
                if (!identity.node().equals(e.getString("origin", ""))) {
                    receiver.accept(e.getString("meeting"), e.getString("message"));
                }
            } catch (RuntimeException failure) {
                LOG.debugf("Ignoring an unreadable control event: %s", failure.getMessage());
            }
        }
    }
}
