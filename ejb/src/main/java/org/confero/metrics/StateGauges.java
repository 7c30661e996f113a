package org.confero.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import org.confero.media.api.MediaBindingCount;
import org.confero.media.api.RelayStatistics;
import org.confero.protocol.media.MediaType;

/**
 * The gauges and counters that show this server's state (meetings, participants, bindings, relay throughput and drops,
 * cascade links, capacity), read from the latest {@link ServerSample}. Counters of the relay are the relay's own
 * monotonic counts, exported as they are (FunctionCounter): Prometheus' {@code rate()} does the rest.
 *
 * <p>
 * Thread model: {@link #update} on the sampler's timer; the registry reads on scrape threads. The sample is one
 * volatile reference, so a scrape sees one consistent sample.
 */
final class StateGauges {

    private final MeterRegistry registry;
    private final Tags router;
    /** Drop reasons whose counter exists; new ones are registered when a sample first shows them. */
    private final Set<String> dropReasons = ConcurrentHashMap.newKeySet();
    private volatile ServerSample sample = ServerSample.EMPTY;

    StateGauges(MeterRegistry registry, Tags router, int capacity) {
        this.registry = registry;
        this.router = router;
        gauge("confero.meetings.active", "Meetings with a participant present on this router", router,
                s -> s.meetings());
        gauge("confero.participants.active", "Participants present in meetings on this router", router,
                s -> s.participants());
        gauge("confero.cascade.links", "Cascade links this router holds to other routers, one per meeting and peer",
                router, s -> s.cascadeLinks());
        // Participants this router takes (confero.mmr.capacity).
        registry.gauge("confero.router.capacity", router, this, g -> capacity);
        for (MediaType type : MediaType.values()) {
            String media = Instruments.name(type);
            for (String transport : MediaBindingCount.TRANSPORTS) {
                gauge("confero.media.bindings", "Media connections bound to this router's relay now",
                        router.and("media", media, "transport", transport), s -> s.bindings(type, transport));
            }
            counter("confero.relay.packets",
                    "Media packets the relay forwarded (in: received from participants, out: " + "copies sent)",
                    router.and("media", media, "direction", "in"), s -> stats(s, type).mediaPacketsIn());
            counter("confero.relay.packets",
                    "Media packets the relay forwarded (in: received from participants, out: " + "copies sent)",
                    router.and("media", media, "direction", "out"), s -> stats(s, type).packetsOut());
            counter("confero.relay.bytes", "Media bytes the relay forwarded",
                    router.and("media", media, "direction", "in"), s -> stats(s, type).bytesIn());
            counter("confero.relay.bytes", "Media bytes the relay forwarded",
                    router.and("media", media, "direction", "out"), s -> stats(s, type).bytesOut());
        }
        counter("confero.relay.received.packets", "Every packet the relay received (media, STUN and dropped)", router,
                s -> s.relay().packetsIn());
    }

    void update(ServerSample next) {
        sample = next;
        for (String reason : next.relay().dropped().keySet()) {
            if (dropReasons.add(reason)) {
                counter("confero.relay.drops", "Packets the relay dropped, by reason", router.and("reason", reason),
                        s -> s.relay().dropped(reason));
            }
        }
    }

    ServerSample sample() {
        return sample;
    }

    private static RelayStatistics stats(ServerSample s, MediaType type) {
        return s.byMediaType().getOrDefault(type, ServerSample.EMPTY.relay());
    }

    /**
     * Registered by name, never with a builder (see {@link Instruments} on why); {@code description} says what the
     * series shows. The registry holds this object weakly, {@link ConferoMeters} strongly.
     */
    private void gauge(String name, String description, Tags tags, ToDoubleFunction<ServerSample> value) {
        registry.gauge(name, tags, this, g -> value.applyAsDouble(g.sample));
    }

    private void counter(String name, String description, Tags tags, ToDoubleFunction<ServerSample> value) {
        registry.more().counter(name, tags, this, g -> value.applyAsDouble(g.sample));
    }
}
