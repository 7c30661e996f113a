package org.confero.routing;

import java.util.List;
import java.util.Optional;

/**
 * Meeting affinity first: a participant goes to the router already hosting the meeting when that router is fresh, not
 * draining and below its threshold. Otherwise the policy chooses among the others: for a new meeting that is its
 * placement; for a meeting whose router is full, draining or gone, the participant overflows to another router and the
 * meeting spans both (the routers cascade).
 */
public final class RouterAssigner {

    public enum Kind {
        /** The router already hosting the meeting. */
        HOSTED,
        /** A meeting without a router gets its first one; the caller records the placement. */
        NEW_PLACEMENT,
        /** The hosting router cannot take this participant; another one does, and the meeting spans both. */
        OVERFLOW
    }

    public record Assignment(RouterCandidate router, Kind kind, String reason) {
    }

    private final AssignmentPolicy policy;

    public RouterAssigner(AssignmentPolicy policy) {
        this.policy = policy;
    }

    /**
     * @param currentHost
     *            the router the meeting is placed on, if any
     * @param fresh
     *            the routers of the zone whose heartbeat is fresh (stale ones are never candidates)
     */
    public Optional<Assignment> assign(Optional<String> currentHost, List<RouterCandidate> fresh) {
        if (currentHost.isEmpty()) {
            return policy.choose(fresh).map(router -> new Assignment(router, Kind.NEW_PLACEMENT, "new meeting"));
        }
        String hostNode = currentHost.get();
        Optional<RouterCandidate> host = fresh.stream().filter(r -> r.node().equals(hostNode)).findFirst();
        if (host.isPresent() && !host.get().draining() && host.get().hasRoom()) {
            return Optional.of(new Assignment(host.get(), Kind.HOSTED, "meeting hosted there"));
        }
        String why = host.isEmpty() ? "host router " + hostNode + " is gone" : host.get().draining()
                ? "host router " + hostNode + " is draining" : "host router " + hostNode + " is at its threshold";
        List<RouterCandidate> others = fresh.stream().filter(r -> !r.node().equals(hostNode)).toList();
        return policy.choose(others).map(router -> new Assignment(router, Kind.OVERFLOW, why));
    }
}
