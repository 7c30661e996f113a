package org.confero.cli.media;

import java.util.HashMap;
import java.util.Map;

/**
 * What one receiver got on one media type: packets and bytes, the test packets per sender (for loss from sequence gaps)
 * and their one-way delay. Called from the connection's reader thread; {@link #snapshot()} from any thread.
 */
public final class Reception {

    private final Map<Integer, SenderTrack> senders = new HashMap<>();
    private final DelayHistogram delays = new DelayHistogram();
    private long packets;
    private long bytes;
    private long otherPackets;

    public synchronized void accept(byte[] packet, long nowMicros) {
        packets++;
        bytes += packet.length;
        TestPacket.parse(packet).ifPresentOrElse(p -> {
            senders.computeIfAbsent(p.ssrc(), s -> new SenderTrack(p.sequence())).saw(p.sequence());
            delays.record(nowMicros - p.sentMicros());
        }, () -> otherPackets++);
    }

    public synchronized Snapshot snapshot() {
        long expected = 0;
        long received = 0;
        for (SenderTrack t : senders.values()) {
            expected += t.expected();
            received += t.count;
        }
        DelayHistogram copy = new DelayHistogram();
        delays.addTo(copy);
        return new Snapshot(packets, bytes, otherPackets, senders.size(), received, expected, copy);
    }

    /** Sums several receivers' snapshots ({@code confero load}). */
    public static Snapshot total(Iterable<Snapshot> parts) {
        long packets = 0;
        long bytes = 0;
        long other = 0;
        int senders = 0;
        long received = 0;
        long expected = 0;
        DelayHistogram all = new DelayHistogram();
        for (Snapshot s : parts) {
            packets += s.packets;
            bytes += s.bytes;
            other += s.otherPackets;
            senders += s.senders;
            received += s.testPackets;
            expected += s.expectedTestPackets;
            s.delays.addTo(all);
        }
        return new Snapshot(packets, bytes, other, senders, received, expected, all);
    }

    /** A consistent view of a reception at one moment. */
    public static final class Snapshot {
        private final long packets;
        private final long bytes;
        private final long otherPackets;
        private final int senders;
        private final long testPackets;
        private final long expectedTestPackets;
        private final DelayHistogram delays;

        Snapshot(long packets, long bytes, long otherPackets, int senders, long testPackets, long expectedTestPackets,
                DelayHistogram delays) {
            this.packets = packets;
            this.bytes = bytes;
            this.otherPackets = otherPackets;
            this.senders = senders;
            this.testPackets = testPackets;
            this.expectedTestPackets = expectedTestPackets;
            this.delays = delays;
        }

        public long packets() {
            return packets;
        }

        public long bytes() {
            return bytes;
        }

        /** Packets that were not Confero test packets (real media, RTCP). */
        public long otherPackets() {
            return otherPackets;
        }

        public int senders() {
            return senders;
        }

        public long testPackets() {
            return testPackets;
        }

        /** Test packets the senders numbered between the first and the last one seen here. */
        public long expectedTestPackets() {
            return expectedTestPackets;
        }

        /**
         * Test packets lost in the relay or the network, as a fraction of those the senders numbered between the first
         * and the last one seen here; packets still in flight at the end are not counted as lost.
         */
        public double loss() {
            return expectedTestPackets == 0 ? 0
                    : Math.max(0, expectedTestPackets - testPackets) / (double) expectedTestPackets;
        }

        public double delayMillis(double fraction) {
            return delays.percentileMillis(fraction);
        }

        public double maxDelayMillis() {
            return delays.maxMillis();
        }
    }

    /** One sender's sequence numbers as seen here: the lowest, the highest and how many arrived. */
    private static final class SenderTrack {
        private int lowest;
        private int highest;
        private long count;

        SenderTrack(int first) {
            this.lowest = first;
            this.highest = first;
        }

        void saw(int sequence) {
            count++;
            lowest = Math.min(lowest, sequence);
            highest = Math.max(highest, sequence);
        }

        long expected() {
            return (long) highest - lowest + 1;
        }
    }
}
