package org.confero.web.socket;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most {@code limit} simultaneous connections per source address. A source is remembered only while it has a
 * connection open, so the map holds one entry per source with open connections and shrinks as they close. Taking and
 * giving back a place are atomic per source: two connections racing for the last place cannot both get it.
 */
public final class ConnectionsPerSource {

    private final int limit;
    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();

    public ConnectionsPerSource(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a limit of at least 1");
        }
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    /** A place for one more connection from {@code source}, or empty when it has {@code limit} open already. */
    public Optional<Lease> open(String source) {
        boolean[] taken = { false };
        open.compute(source, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= limit) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        return taken[0] ? Optional.of(new Lease(source)) : Optional.empty();
    }

    /** Whether {@code source} has no place left now (a hint: {@link #open} decides). */
    public boolean full(String source) {
        Integer count = open.get(source);
        return count != null && count >= limit;
    }

    /** Connections open from {@code source}. */
    public int count(String source) {
        return open.getOrDefault(source, 0);
    }

    /** Sources with at least one connection open. */
    public int sources() {
        return open.size();
    }

    /** One connection's place; {@link #close()} gives it back, once, however often it is called. */
    public final class Lease implements AutoCloseable {

        private final String source;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(String source) {
            this.source = source;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                open.computeIfPresent(source, (key, count) -> count <= 1 ? null : count - 1);
            }
        }
    }
}
