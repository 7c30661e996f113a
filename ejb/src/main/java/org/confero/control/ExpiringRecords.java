package org.confero.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records kept in memory for {@code lifetime} each, at most {@code capacity} of them; when full the oldest go first, so
 * that client-keyed state stays bounded. Not thread-safe: its owners ({@link LocalPromotions}, {@link LocalDepartures})
 * synchronise around it.
 */
final class ExpiringRecords<V> {

    private record Entry<V>(V value, Instant until) {
    }

    private final Map<String, Entry<V>> records = new LinkedHashMap<>();
    private final Duration lifetime;
    private final int capacity;
    private final Clock clock;

    ExpiringRecords(Duration lifetime, int capacity, Clock clock) {
        this.lifetime = lifetime;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Keeps {@code value} under {@code key} for the lifetime from now, as the newest record. */
    void put(String key, V value) {
        Instant until = clock.instant().plus(lifetime);
        records.remove(key);
        records.put(key, new Entry<>(value, until));
        prune();
        while (records.size() > capacity) {
            Iterator<String> oldest = records.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** The value under {@code key}, or null when there is none or it has expired. */
    V get(String key) {
        prune();
        Entry<V> entry = records.get(key);
        return entry == null ? null : entry.value();
    }

    boolean contains(String key) {
        return get(key) != null;
    }

    void remove(String key) {
        records.remove(key);
    }

    int size() {
        prune();
        return records.size();
    }

    private void prune() {
        Instant now = clock.instant();
        records.values().removeIf(e -> !e.until().isAfter(now));
    }
}
