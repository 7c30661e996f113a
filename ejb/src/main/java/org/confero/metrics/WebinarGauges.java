package org.confero.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.confero.media.api.CascadeTraffic;
import org.confero.protocol.media.MediaType;

/**
 * Issue 23: how a webinar's audience spreads over routers. {@code confero.webinar.attendees} (gauge): webinar attendees
 * present on this router; {@code confero.cascade.packets} and {@code confero.cascade.bytes} (counters, by media and
 * direction): media that crossed this router's cascade links — {@code out} one copy per link and packet of its own
 * participants (the fan-out to other routers), {@code in} what other routers' participants sent. Read from the latest
 * {@link Sample} (set on the sampler's timer, read on scrape threads: one volatile reference).
 */
final class WebinarGauges {

    /** This server's webinar audience and cascade counters at one moment. */
    record Sample(int attendees, Map<MediaType, CascadeTraffic> cascade) {
        static final Sample EMPTY = new Sample(0, Map.of());

        Sample {
            cascade = Map.copyOf(cascade);
        }

        CascadeTraffic of(MediaType type) {
            return cascade.getOrDefault(type, CascadeTraffic.NONE);
        }
    }

    private final MeterRegistry registry;
    private volatile Sample sample = Sample.EMPTY;

    WebinarGauges(MeterRegistry registry, Tags router) {
        this.registry = registry;
        registry.gauge("confero.webinar.attendees", router, this, g -> g.sample.attendees());
        for (MediaType type : MediaType.values()) {
            Tags media = router.and("media", Instruments.name(type));
            counter("confero.cascade.packets", media.and("direction", "in"), s -> s.of(type).packetsIn());
            counter("confero.cascade.packets", media.and("direction", "out"), s -> s.of(type).packetsOut());
            counter("confero.cascade.bytes", media.and("direction", "in"), s -> s.of(type).bytesIn());
            counter("confero.cascade.bytes", media.and("direction", "out"), s -> s.of(type).bytesOut());
        }
    }

    void update(Sample next) {
        sample = next;
    }

    Sample sample() {
        return sample;
    }

    /** The relay's own monotonic counts, exported as they are (FunctionCounter), registered by name. */
    private void counter(String name, Tags tags, ToDoubleFunction<Sample> value) {
        registry.more().counter(name, tags, this, g -> value.applyAsDouble(g.sample));
    }
}
