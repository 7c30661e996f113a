package org.confero.routing;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Picks the router for a meeting that has none yet, among fresh routers. Implementations are stateless. */
public interface AssignmentPolicy {

    /** Empty when no router can take a new meeting (all draining, or none at all). */
    Optional<RouterCandidate> choose(List<RouterCandidate> candidates);

    /** Draining routers never take new meetings, whatever the policy. */
    Predicate<RouterCandidate> ACCEPTS_NEW = candidate -> !candidate.draining();
}
