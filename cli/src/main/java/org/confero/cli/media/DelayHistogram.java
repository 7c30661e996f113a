package org.confero.cli.media;

/**
 * One-way delays in microseconds, log-linear buckets (exact below 64 µs, then 32 buckets per power of two, so within
 * about 3%): under 5 KB whatever the packet count, which matters when {@code confero load} runs a thousand receivers.
 * Not thread-safe; {@link Reception} guards it.
 */
final class DelayHistogram {

    private static final int LINEAR = 64;
    private static final int SUB_BUCKETS = 32;
    private static final int MAX_EXPONENT = 40;
    private static final int BUCKETS = LINEAR + (MAX_EXPONENT - 5) * SUB_BUCKETS;

    private final int[] counts = new int[BUCKETS];
    private long total;
    private long maxMicros;

    void record(long micros) {
        long m = Math.max(0, micros);
        counts[index(m)]++;
        total++;
        maxMicros = Math.max(maxMicros, m);
    }

    static int index(long micros) {
        if (micros < LINEAR) {
            return (int) micros;
        }
        int msb = Math.min(MAX_EXPONENT - 1, 63 - Long.numberOfLeadingZeros(micros));
        int shift = msb - 5;
        int sub = (int) Math.min(SUB_BUCKETS - 1, (micros >> shift) - SUB_BUCKETS);
        return LINEAR + (msb - 6) * SUB_BUCKETS + sub;
    }

    /** The largest value that falls into bucket {@code index}. */
    static long upperBound(int index) {
        if (index < LINEAR) {
            return index;
        }
        int msb = (index - LINEAR) / SUB_BUCKETS + 6;
        int sub = (index - LINEAR) % SUB_BUCKETS;
        int shift = msb - 5;
        return ((long) (SUB_BUCKETS + sub + 1) << shift) - 1;
    }

    long count() {
        return total;
    }

    /** The delay below which {@code fraction} of the samples lie, in milliseconds; NaN without samples. */
    double percentileMillis(double fraction) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), maxMicros) / 1000.0;
            }
        }
        return maxMicros / 1000.0;
    }

    double maxMillis() {
        return total == 0 ? Double.NaN : maxMicros / 1000.0;
    }

    void addTo(DelayHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            other.counts[i] += counts[i];
        }
        other.total += total;
        other.maxMicros = Math.max(other.maxMicros, maxMicros);
    }
}
