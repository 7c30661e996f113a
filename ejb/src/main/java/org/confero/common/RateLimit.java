package org.confero.common;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * At most {@code limit} events per key within a sliding {@code window}: what keeps one address from turning an open
 * endpoint into work for the server. Thread-safe.
 *
 * <p>
 * Memory is bounded twice over. Once a window has passed since the last sweep, the next event sweeps out every key
 * whose last event left the window, so the map shrinks back to the keys active in the last window (a sweep per window
 * keeps the cost per event constant). And past {@code maxKeys} keys, the least recently used key goes at once: under a
 * flood of addresses the limit forgets the quietest ones rather than grow.
 */
public final class RateLimit {

    private final int limit;
    private final Duration window;
    private final int maxKeys;
    private final Map<String, Deque<Instant>> events;
    private Instant nextSweep = Instant.MIN;

    public RateLimit(int limit, Duration window, int maxKeys) {
        if (limit < 1 || window.isNegative() || window.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException("a positive limit, window and key count");
        }
        this.limit = limit;
        this.window = window;
        this.maxKeys = maxKeys;
        // Access order: the eldest entry is the least recently used key, the one to drop past maxKeys.
        this.events = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                return size() > RateLimit.this.maxKeys;
            }
        };
    }

    /** Counts an event for {@code key}, or says how long to wait when the key is over its limit (nothing counted). */
    public synchronized Optional<Duration> acquire(String key, Instant now) {
        Instant horizon = now.minus(window);
        if (!now.isBefore(nextSweep)) {
            forgetIdle(horizon);
            nextSweep = now.plus(window);
        }
        Deque<Instant> times = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.pollFirst();
        }
        if (times.size() >= limit) {
            Duration wait = Duration.between(now, times.peekFirst().plus(window));
            return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
        }
        times.addLast(now);
        return Optional.empty();
    }

    /** How many keys are remembered now (for tests and operators: it should follow the active keys, not grow). */
    public synchronized int keys() {
        return events.size();
    }

    private void forgetIdle(Instant horizon) {
        for (Iterator<Deque<Instant>> it = events.values().iterator(); it.hasNext();) {
            Deque<Instant> times = it.next();
            if (times.isEmpty() || !times.peekLast().isAfter(horizon)) {
                it.remove();
            }
        }
    }
}
