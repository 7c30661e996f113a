package org.confero.client.quality;

import java.util.OptionalDouble;

import org.confero.protocol.media.MediaType;

/**
 * Loss and interarrival jitter of the RTP packets one media connection received, as RFC 3550 (section 6.4.1 and A.8)
 * defines them: loss over the last interval from the extended highest sequence number against the packets that arrived,
 * jitter as the smoothed mean deviation of transit times, in milliseconds. Not RTP (no version 2 header): ignored.
 * Thread-safe; callers hand in packets as they receive them.
 */
public final class ReceiveQuality {

    private final double clockRate;
    private boolean started;
    private int baseSequence;
    private int maxSequence;
    private int cycles;
    private long received;
    private long expectedAtLastReport;
    private long receivedAtLastReport;
    private double lastTransit = Double.NaN;
    private double jitterUnits;

    ReceiveQuality(MediaType type) {
        // RTP clock rates of what Confero carries: Opus audio at 48 kHz, video and content at 90 kHz.
        this.clockRate = type == MediaType.AUDIO ? 48_000 : 90_000;
    }

    /** One packet as received, at {@code arrivalNanos} ({@link System#nanoTime()}). */
    public synchronized void received(byte[] packet, long arrivalNanos) {
        if (packet.length < 12 || (packet[0] & 0xC0) != 0x80) {
            return;
        }
        int sequence = ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF);
        long timestamp = ((packet[4] & 0xFFL) << 24) | ((packet[5] & 0xFFL) << 16) | ((packet[6] & 0xFFL) << 8)
                | (packet[7] & 0xFFL);
        if (!started) {
            started = true;
            baseSequence = sequence;
            maxSequence = sequence;
        } else {
            int delta = (sequence - maxSequence) & 0xFFFF;
            if (delta > 0 && delta < 0x8000) { // in order, possibly with a gap (RFC 3550 A.1, simplified)
                if (sequence < maxSequence) {
                    cycles += 0x10000;
                }
                maxSequence = sequence;
            }
        }
        received++;
        double arrivalUnits = arrivalNanos / 1e9 * clockRate;
        double transit = arrivalUnits - timestamp;
        if (!Double.isNaN(lastTransit)) {
            double d = Math.abs(transit - lastTransit);
            jitterUnits += (d - jitterUnits) / 16;
        }
        lastTransit = transit;
    }

    /**
     * Loss since the previous call (0 to 1; empty before any packet or when nothing was expected) and jitter now in
     * milliseconds; the interval starts anew.
     */
    public synchronized Interval interval() {
        if (!started) {
            return new Interval(OptionalDouble.empty(), OptionalDouble.empty());
        }
        long expected = (long) cycles + maxSequence - baseSequence + 1;
        long expectedInterval = expected - expectedAtLastReport;
        long receivedInterval = received - receivedAtLastReport;
        expectedAtLastReport = expected;
        receivedAtLastReport = received;
        OptionalDouble loss = expectedInterval <= 0 ? OptionalDouble.empty() : OptionalDouble
                .of(Math.max(0, Math.min(1, (expectedInterval - receivedInterval) / (double) expectedInterval)));
        return new Interval(loss, OptionalDouble.of(jitterUnits / clockRate * 1000));
    }

    /** What one interval measured. */
    public record Interval(OptionalDouble loss, OptionalDouble jitterMs) {
    }
}
