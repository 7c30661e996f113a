package org.confero.routing;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The default policy: the least stressed router that has room; when every router is past its threshold, the least
 * stressed one all the same (an overloaded meeting is better than none; the health of the zone shows it as full).
 */
public final class LeastLoaded implements AssignmentPolicy {

    private static final Comparator<RouterCandidate> BY_STRESS = Comparator.comparingDouble(RouterCandidate::stress)
            .thenComparingInt(RouterCandidate::order).thenComparing(RouterCandidate::node);

    @Override
    public Optional<RouterCandidate> choose(List<RouterCandidate> candidates) {
        Optional<RouterCandidate> withRoom = candidates.stream().filter(ACCEPTS_NEW).filter(RouterCandidate::hasRoom)
                .min(BY_STRESS);
        return withRoom.isPresent() ? withRoom : candidates.stream().filter(ACCEPTS_NEW).min(BY_STRESS);
    }
}
