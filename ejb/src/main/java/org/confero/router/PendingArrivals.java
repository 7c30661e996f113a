package org.confero.router;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Participants this zone controller sent to a router that the router's last heartbeat cannot count yet. A heartbeat
 * comes every {@code confero.router.heartbeat.ms} (2 s): without this, a burst of webinar attendees (issue 23) would
 * all see the same "least loaded" router and land there together, past its threshold. Keyed by router node (from the
 * registry, never from a client) and bounded per router, so it stays small whatever clients do.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PendingArrivals {

    /** Older arrivals are in any heartbeat by now (a router beats every 2 s by default). */
    static final Duration KEPT = Duration.ofSeconds(10);
    static final int MAX_PER_ROUTER = 10_000;

    private final Map<String, Deque<Instant>> arrivals = new ConcurrentHashMap<>();

    public void sent(String node, Instant at) {
        Deque<Instant> times = arrivals.computeIfAbsent(node, n -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, at);
            if (times.size() >= MAX_PER_ROUTER) {
                times.pollFirst();
            }
            times.addLast(at);
        }
    }

    /** Arrivals sent to {@code node} after its heartbeat at {@code heartbeatAt}: not in its count yet. */
    public int after(String node, Instant heartbeatAt) {
        Deque<Instant> times = arrivals.get(node);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            int n = 0;
            for (java.util.Iterator<Instant> it = times.descendingIterator(); it.hasNext();) {
                if (!it.next().isAfter(heartbeatAt)) {
                    break;
                }
                n++;
            }
            return n;
        }
    }

    /** A router that left the registry takes its arrivals with it. */
    public void forget(String node) {
        arrivals.remove(node);
    }

    private static void prune(Deque<Instant> times, Instant now) {
        Instant oldest = now.minus(KEPT);
        while (!times.isEmpty() && times.peekFirst().isBefore(oldest)) {
            times.pollFirst();
        }
    }
}
