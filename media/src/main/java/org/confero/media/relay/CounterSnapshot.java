package org.confero.media.relay;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counters at one moment, immutable. {@code packetsIn} counts everything received; each such packet is exactly one of
 * {@code mediaIn} (relayed from a bound sender), {@code controlIn} (STUN the relay acted on) or an inbound drop, so
 * {@link #unaccountedIn()} is zero whenever no packet is in flight. {@code packetsOut} counts media copies sent,
 * {@code controlOut} STUN messages sent.
 */
public record CounterSnapshot(long packetsIn, long bytesIn, long mediaIn, long mediaBytesIn, long controlIn,
        long packetsOut, long bytesOut, long controlOut, Map<DropReason, Long> droppedPackets,
        Map<DropReason, Long> droppedBytes) {

    public CounterSnapshot {
        droppedPackets = Collections.unmodifiableMap(new EnumMap<>(droppedPackets));
        droppedBytes = Collections.unmodifiableMap(new EnumMap<>(droppedBytes));
    }

    public long dropped(DropReason reason) {
        return droppedPackets.getOrDefault(reason, 0L);
    }

    public long droppedIn() {
        return droppedPackets.entrySet().stream().filter(e -> e.getKey().inbound()).mapToLong(Map.Entry::getValue)
                .sum();
    }

    public long unaccountedIn() {
        return packetsIn - mediaIn - controlIn - droppedIn();
    }
}
