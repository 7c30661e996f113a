package org.confero.media.relay;

import java.util.EnumMap;
import java.util.Map;

import org.confero.protocol.media.MediaType;

/**
 * The relay's forwarded media counted per media type for the whole relay (issue 22: packets and bytes in and out by
 * media type). Relay-wide rather than per meeting so that the counts only ever grow, as a Prometheus counter must; one
 * {@link Counters} per type, indexed by ordinal so that the hot path only adds to an existing adder.
 */
final class MediaTypeCounters {

    private static final MediaType[] TYPES = MediaType.values();

    private final Counters[] byType = new Counters[TYPES.length];

    MediaTypeCounters() {
        for (int i = 0; i < byType.length; i++) {
            byType[i] = new Counters();
        }
    }

    /** Hot path: no allocation. */
    Counters of(MediaType type) {
        return byType[type.ordinal()];
    }

    Map<MediaType, CounterSnapshot> snapshot() {
        Map<MediaType, CounterSnapshot> snapshots = new EnumMap<>(MediaType.class);
        for (MediaType type : TYPES) {
            snapshots.put(type, byType[type.ordinal()].snapshot());
        }
        return snapshots;
    }
}
