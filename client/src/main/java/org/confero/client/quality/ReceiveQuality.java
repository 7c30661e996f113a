package org.confero.client.quality;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

import org.confero.protocol.media.MediaType;

/**
 * Loss and interarrival jitter of the RTP packets one media connection received, as RFC 3550 (section 6.4.1 and
 * appendix A.1, A.3, A.8) defines them, per sender (SSRC: the router forwards every other participant's packets on the
 * one connection): loss over the last interval from each sender's extended highest sequence number against the packets
 * that arrived, summed; jitter the smoothed mean deviation of transit times, averaged over the senders, in
 * milliseconds. Not RTP (no version 2 header): ignored. At most {@link #MAX_SENDERS} senders are followed. Thread-safe;
 * callers hand in packets as they receive them.
 */
public final class ReceiveQuality {

    static final int MAX_SENDERS = 64;

    private final double clockRate;
    private final Map<Long, Sender> senders = new HashMap<>();
    private OptionalDouble lastLoss = OptionalDouble.empty();

    ReceiveQuality(MediaType type) {
        // RTP clock rates of what Confero carries: Opus audio at 48 kHz, video and content at 90 kHz.
        this.clockRate = type == MediaType.AUDIO ? 48_000 : 90_000;
    }

    /** One packet as received, at {@code arrivalNanos} ({@link System#nanoTime()}). */
    public synchronized void received(byte[] packet, long arrivalNanos) {
        if (packet.length < 12 || (packet[0] & 0xC0) != 0x80) {
            return;
        }
        int payloadType = packet[1] & 0x7F;
        if (payloadType >= 72 && payloadType <= 76) {
            return; // RTCP (RFC 5761): no sequence number of the media stream
        }
        long ssrc = unsigned(packet, 8);
        Sender sender = senders.get(ssrc);
        if (sender == null) {
            if (senders.size() >= MAX_SENDERS) {
                return;
            }
            sender = new Sender();
            senders.put(ssrc, sender);
        }
        sender.received(((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF), unsigned(packet, 4),
                arrivalNanos / 1e9 * clockRate);
    }

    /**
     * Loss since the previous call (0 to 1) and jitter now in milliseconds; the interval starts anew. An interval in
     * which no packet was expected (nobody sent) repeats the last measured loss, so that an idle moment does not erase
     * what the call was like; empty before any packet.
     */
    public synchronized Interval interval() {
        if (senders.isEmpty()) {
            return new Interval(OptionalDouble.empty(), OptionalDouble.empty());
        }
        long expected = 0;
        long received = 0;
        double jitterUnits = 0;
        for (Sender sender : senders.values()) {
            expected += sender.expectedSinceReport();
            received += sender.receivedSinceReport();
            sender.report();
            jitterUnits += sender.jitterUnits;
        }
        if (expected > 0) {
            lastLoss = OptionalDouble.of(Math.max(0, Math.min(1, (expected - received) / (double) expected)));
        }
        OptionalDouble loss = lastLoss;
        return new Interval(loss, OptionalDouble.of(jitterUnits / senders.size() / clockRate * 1000));
    }

    /** What one interval measured. */
    public record Interval(OptionalDouble loss, OptionalDouble jitterMs) {
    }

    private static long unsigned(byte[] packet, int at) {
        return ((packet[at] & 0xFFL) << 24) | ((packet[at + 1] & 0xFFL) << 16) | ((packet[at + 2] & 0xFFL) << 8)
                | (packet[at + 3] & 0xFFL);
    }

    /** One sender's sequence and transit state. */
    private static final class Sender {
        private int baseSequence = -1;
        private int maxSequence;
        private long cycles;
        private long received;
        private long expectedAtReport;
        private long receivedAtReport;
        private double lastTransit = Double.NaN;
        private double jitterUnits;

        void received(int sequence, long timestamp, double arrivalUnits) {
            if (baseSequence < 0) {
                baseSequence = sequence;
                maxSequence = sequence;
            } else {
                int delta = (sequence - maxSequence) & 0xFFFF;
                if (delta > 0 && delta < 0x8000) { // in order, possibly after a gap; late packets do not move it
                    if (sequence < maxSequence) {
                        cycles += 0x10000;
                    }
                    maxSequence = sequence;
                }
            }
            received++;
            double transit = arrivalUnits - timestamp;
            if (!Double.isNaN(lastTransit)) {
                jitterUnits += (Math.abs(transit - lastTransit) - jitterUnits) / 16;
            }
            lastTransit = transit;
        }

        long expected() {
            return cycles + maxSequence - baseSequence + 1;
        }

        long expectedSinceReport() {
            return expected() - expectedAtReport;
        }

        long receivedSinceReport() {
            return received - receivedAtReport;
        }

        void report() {
            expectedAtReport = expected();
            receivedAtReport = received;
        }
    }
}
