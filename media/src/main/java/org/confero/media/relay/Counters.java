package org.confero.media.relay;

import java.util.EnumMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of the relay or of one meeting. LongAdder because every I/O thread adds on every packet; an add
 * allocates nothing once the adder's cells exist.
 */
final class Counters {

    private static final DropReason[] REASONS = DropReason.values();

    final LongAdder packetsIn = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder mediaIn = new LongAdder();
    final LongAdder mediaBytesIn = new LongAdder();
    final LongAdder controlIn = new LongAdder();
    final LongAdder packetsOut = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder controlOut = new LongAdder();
    private final LongAdder[] droppedPackets = new LongAdder[REASONS.length];
    private final LongAdder[] droppedBytes = new LongAdder[REASONS.length];

    Counters() {
        for (int i = 0; i < REASONS.length; i++) {
            droppedPackets[i] = new LongAdder();
            droppedBytes[i] = new LongAdder();
        }
    }

    void received(int bytes) {
        packetsIn.increment();
        bytesIn.add(bytes);
    }

    void media(int bytes) {
        mediaIn.increment();
        mediaBytesIn.add(bytes);
    }

    void sent(long packets, long bytes) {
        packetsOut.add(packets);
        bytesOut.add(bytes);
    }

    void dropped(DropReason reason, long packets, long bytes) {
        droppedPackets[reason.ordinal()].add(packets);
        droppedBytes[reason.ordinal()].add(bytes);
    }

    CounterSnapshot snapshot() {
        EnumMap<DropReason, Long> packets = new EnumMap<>(DropReason.class);
        EnumMap<DropReason, Long> bytes = new EnumMap<>(DropReason.class);
        // Drops first, then the totals they are checked against: a packet in flight then shows as received-but-not-
        // yet-accounted (unaccountedIn > 0), never as accounted-but-not-received.
        for (DropReason reason : REASONS) {
            packets.put(reason, droppedPackets[reason.ordinal()].sum());
            bytes.put(reason, droppedBytes[reason.ordinal()].sum());
        }
        long control = controlIn.sum();
        long media = mediaIn.sum();
        long mediaBytes = mediaBytesIn.sum();
        return new CounterSnapshot(packetsIn.sum(), bytesIn.sum(), media, mediaBytes, control, packetsOut.sum(),
                bytesOut.sum(), controlOut.sum(), packets, bytes);
    }
}
