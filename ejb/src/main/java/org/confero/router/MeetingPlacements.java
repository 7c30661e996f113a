package org.confero.router;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.confero.cluster.ClusterCaches;
import org.infinispan.Cache;

/**
 * Which routers host which meeting, in the replicated {@code placements} cache: meeting id → router nodes, the first
 * being the meeting's home and any others the routers participants overflowed to. Writes are atomic on the whole
 * cluster ({@code putIfAbsent}, {@code replace}), so a burst of concurrent joins to a new meeting agrees on one home.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MeetingPlacements {

    @Resource(lookup = ClusterCaches.JNDI_PREFIX + ClusterCaches.PLACEMENTS)
    private Cache<String, String> placements;

    /** The meeting's home router, if it has one. */
    public Optional<String> homeOf(String meetingId) {
        return Optional.ofNullable(placements.get(meetingId)).map(nodes -> nodes(nodes).get(0));
    }

    /** Places the meeting on {@code node} unless another router got it first; returns the home that won. */
    public String placeIfAbsent(String meetingId, String node) {
        String previous = placements.putIfAbsent(meetingId, node);
        return previous == null ? node : nodes(previous).get(0);
    }

    /** Places a throwaway meeting (the network test's) that expires by itself after {@code lifetime}. */
    public void placeTemporarily(String meetingId, String node, java.time.Duration lifetime) {
        placements.put(meetingId, node, lifetime.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Records that {@code node} also carries the meeting (overflow); idempotent. */
    public void addRouter(String meetingId, String node) {
        update(meetingId, nodes -> nodes == null ? node : nodes(nodes).contains(node) ? nodes : nodes + "," + node);
    }

    /** {@code node} no longer carries the meeting (nobody is there); a meeting without routers loses its placement. */
    public void removeRouter(String meetingId, String node) {
        update(meetingId, nodes -> {
            if (nodes == null) {
                return null;
            }
            List<String> rest = nodes(nodes).stream().filter(n -> !n.equals(node)).toList();
            return rest.isEmpty() ? null : String.join(",", rest);
        });
    }

    /**
     * A router died: it leaves every placement; a meeting it was the only router of loses its placement (the next join
     * places it anew). Returns how many meetings it carried.
     */
    public int dropRouter(String node) {
        int carried = 0;
        for (String meetingId : List.copyOf(placements.keySet())) {
            String before = placements.get(meetingId);
            if (before != null && nodes(before).contains(node)) {
                carried++;
                removeRouter(meetingId, node);
            }
        }
        return carried;
    }

    /**
     * Compare-and-set until it holds: conditional writes, because the cache would have to ship a compute function to
     * the other servers, whose cache module cannot load this deployment's classes.
     */
    private void update(String meetingId, java.util.function.UnaryOperator<String> change) {
        for (int attempt = 0; attempt < 100; attempt++) {
            String current = placements.get(meetingId);
            String next = change.apply(current);
            boolean done;
            if (java.util.Objects.equals(current, next)) {
                return;
            } else if (current == null) {
                done = placements.putIfAbsent(meetingId, next) == null;
            } else if (next == null) {
                done = placements.remove(meetingId, current);
            } else {
                done = placements.replace(meetingId, current, next);
            }
            if (done) {
                return;
            }
        }
        throw new IllegalStateException("placement of meeting " + meetingId + " kept changing under this update");
    }

    /** Every placement: meeting id → router nodes, home first. */
    public java.util.Map<String, List<String>> all() {
        java.util.Map<String, List<String>> all = new java.util.TreeMap<>();
        placements.forEach((meeting, nodes) -> all.put(meeting, nodes(nodes)));
        return all;
    }

    public void remove(String meetingId) {
        placements.remove(meetingId);
    }

    public static List<String> nodes(String value) {
        return Arrays.asList(value.split(","));
    }
}
