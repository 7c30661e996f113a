package org.confero.cluster;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.infinispan.Cache;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.event.CacheEntryCreatedEvent;
import org.jboss.logging.Logger;

/**
 * A replicated cache used as the cluster's transport for events: each event is one JSON entry under a random key that
 * expires after a minute, and every server's listener hands each new entry to its receiver. The events travel the
 * cluster's JGroups channel like every other piece of shared state; the database, not this channel, is the record.
 */
public final class EventChannel {

    private static final Logger LOG = Logger.getLogger(EventChannel.class);
    private static final long LIFESPAN_SECONDS = 60;

    private final Cache<String, String> cache;
    private final String kind;
    private final Arrivals arrivals;

    /**
     * Starts listening. {@code receiver} runs on the thread that applies the replicated write: it must only queue work,
     * never block. {@code kind} names the events in log messages.
     */
    public EventChannel(Cache<String, String> cache, String kind, boolean withOwnEvents,
            Consumer<JsonObject> receiver) {
        this.cache = cache;
        this.kind = kind;
        this.arrivals = new Arrivals(withOwnEvents, receiver);
        cache.addListener(arrivals);
    }

    public void close() {
        cache.removeListener(arrivals);
    }

    /** Publishes without waiting for the other servers; a failure is logged, the event lost. */
    public void publish(JsonObject event) {
        cache.putAsync(UUID.randomUUID().toString(), event.toString(), LIFESPAN_SECONDS, TimeUnit.SECONDS)
                .exceptionally(failure -> {
                    LOG.warnf("A %s event did not reach the cluster: %s", kind, failure);
                    return null;
                });
    }

    @Listener(sync = true, primaryOnly = false, observation = Listener.Observation.POST)
    public final class Arrivals {
        private final boolean withOwnEvents;
        private final Consumer<JsonObject> receiver;

        Arrivals(boolean withOwnEvents, Consumer<JsonObject> receiver) {
            this.withOwnEvents = withOwnEvents;
            this.receiver = receiver;
        }

        @CacheEntryCreated
        public void arrived(CacheEntryCreatedEvent<String, String> event) {
            if (event.getValue() == null || (event.isOriginLocal() && !withOwnEvents)) {
                return;
            }
            try (JsonReader reader = Json.createReader(new StringReader(event.getValue()))) {
                receiver.accept(reader.readObject());
            } catch (RuntimeException failure) {
                LOG.debugf("Ignoring an unreadable %s event: %s", kind, failure.getMessage());
            }
        }
    }
}
