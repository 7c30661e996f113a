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
        OVERFLOW,
        /**
         * Issue 23: a webinar attendee on another router than the webinar's home, chosen by load alone; the webinar
         * spans both and the panelists' streams reach it over the cascade link.
         */
        SPREAD
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

    /**
     * Issue 23: a webinar attendee receives only, so it need not sit with the panelists: the policy chooses among every
     * fresh router of the zone (the least loaded one with room, by default), whichever routers the webinar already
     * spans. The audience grows with the zone, not with the home router, and each router's threshold still holds (a
     * router past it is taken only when every router is).
     */
    public Optional<Assignment> spread(Optional<String> currentHost, List<RouterCandidate> fresh) {
        return policy.choose(fresh).map(router -> {
            if (currentHost.isEmpty()) {
                return new Assignment(router, Kind.NEW_PLACEMENT, "new webinar");
            }
            return currentHost.get().equals(router.node())
                    ? new Assignment(router, Kind.HOSTED, "webinar attendee: its home router is the least loaded")
                    : new Assignment(router, Kind.SPREAD, "webinar attendee: spread to the least loaded router");
        });
    }
}
