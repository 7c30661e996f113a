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

import java.util.function.BiConsumer;

import org.confero.cluster.ClusterCaches;
import org.confero.cluster.EventChannel;
import org.confero.common.ServerIdentity;
import org.infinispan.Cache;

/**
 * Control events between routers: a room's event goes once through the replicated {@code room-events} cache
 * ({@link EventChannel}), and every other server hands it to its room of the meeting, if it has one.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RoomEvents {

    @Resource(lookup = ClusterCaches.JNDI_PREFIX + ClusterCaches.ROOM_EVENTS)
    private Cache<String, String> events;

    @Inject
    private ServerIdentity identity;

    private volatile BiConsumer<String, String> receiver = (meeting, json) -> {
    };
    private EventChannel channel;

    @PostConstruct
    void listen() {
        channel = new EventChannel(events, "control", false, this::arrived);
    }

    @PreDestroy
    void stop() {
        channel.close();
    }

    /** Where events of other servers go: (meeting id, message). Set once by the rooms. */
    public void receiveWith(BiConsumer<String, String> receiver) {
        this.receiver = receiver;
    }

    /** Publishes without waiting for the other servers. */
    public void publish(String meetingId, String json) {
        channel.publish(Json.createObjectBuilder().add("meeting", meetingId).add("origin", identity.node())
                .add("message", json).build());
    }

    /** Rooms only queue messages to their sinks. */
    private void arrived(JsonObject event) {
        if (!identity.node().equals(event.getString("origin", ""))) {
            receiver.accept(event.getString("meeting"), event.getString("message"));
        }
    }
}
