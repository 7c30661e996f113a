package org.confero.common;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * At most {@code limit} events per key within a sliding {@code window}: what keeps one address from turning an open
 * endpoint into work for the server. Memory is bounded: idle keys are forgotten, and past {@code maxKeys} the oldest
 * keys go first. Thread-safe.
 */
public final class RateLimit {

    private final int limit;
    private final Duration window;
    private final int maxKeys;
    private final Map<String, Deque<Instant>> events = new HashMap<>();

    public RateLimit(int limit, Duration window, int maxKeys) {
        if (limit < 1 || window.isNegative() || window.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException("a positive limit, window and key count");
        }
        this.limit = limit;
        this.window = window;
        this.maxKeys = maxKeys;
    }

    /** Counts an event for {@code key}, or says how long to wait when the key is over its limit (nothing counted). */
    public synchronized Optional<Duration> acquire(String key, Instant now) {
        Deque<Instant> times = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        Instant horizon = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.pollFirst();
        }
        if (times.size() >= limit) {
            Duration wait = Duration.between(now, times.peekFirst().plus(window));
            return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
        }
        times.addLast(now);
        if (events.size() > maxKeys) {
            forgetIdle(horizon);
        }
        return Optional.empty();
    }

    private void forgetIdle(Instant horizon) {
        for (Iterator<Deque<Instant>> it = events.values().iterator(); it.hasNext();) {
            Deque<Instant> times = it.next();
            if (times.isEmpty() || !times.peekLast().isAfter(horizon)) {
                it.remove();
            }
        }
        Iterator<String> oldest = events.keySet().iterator();
        while (events.size() > maxKeys && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
