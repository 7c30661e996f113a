package org.confero.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.Arrays;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram with fixed bucket bounds, exported as cumulative counters: {@code <name>_total{le="…"}} for each bound
 * and {@code le="+Inf"} for every observation, plus {@code <name>_sum_total}. PromQL's {@code histogram_quantile} reads
 * them as it reads a native histogram's buckets.
 *
 * <p>
 * Why not a Micrometer Timer with {@code publishPercentileHistogram()}: the registry WildFly injects into deployments
 * (its {@code ApplicationRegistry}, WildFly 39) re-registers every timer and distribution summary in the server's
 * registry without their distribution settings, so their buckets never reach the Prometheus registry.
 */
final class BucketHistogram {

    private final double[] bounds;
    private final LongAdder[] counts;
    private final LongAdder total = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    /**
     * {@code bounds} ascending, in the unit observations are given in. Registered by name (see {@link Instruments} on
     * why not with builders); the registry holds this histogram weakly, its owner strongly.
     */
    BucketHistogram(MeterRegistry registry, String name, Tags tags, double... bounds) {
        this.bounds = bounds.clone();
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] <= bounds[i - 1]) {
                throw new IllegalArgumentException("bucket bounds must ascend: " + Arrays.toString(bounds));
            }
        }
        this.counts = new LongAdder[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            counts[i] = new LongAdder();
            int upTo = i;
            registry.more().counter(name, tags.and("le", label(bounds[i])), this, h -> h.cumulative(upTo));
        }
        registry.more().counter(name, tags.and("le", "+Inf"), this, h -> h.total.sum());
        registry.more().counter(name + ".sum", tags, this, h -> h.sum.sum());
    }

    /** Counts one observation; negative, NaN and infinite ones are ignored (never trusted from a client). */
    void observe(double value) {
        if (!Double.isFinite(value) || value < 0) {
            return;
        }
        total.increment();
        sum.add(value);
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                counts[i].increment();
                return;
            }
        }
    }

    /** Observations at or below {@code bounds[upTo]}. */
    double cumulative(int upTo) {
        long n = 0;
        for (int i = 0; i <= upTo; i++) {
            n += counts[i].sum();
        }
        return n;
    }

    double count() {
        return total.sum();
    }

    double sum() {
        return sum.sum();
    }

    static String label(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString((long) bound) + ".0"
                : Double.toString(bound);
    }
}
