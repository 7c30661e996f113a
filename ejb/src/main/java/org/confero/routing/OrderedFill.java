package org.confero.routing;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * CAMServer's distribution ({@code cam.videoDomains=camserver1=50;camserver2=50;…}): routers in the admins' order; new
 * conferences go to the first router whose participants are below its threshold, so a router fills before the next one
 * is used. When all are past their thresholds, the least stressed takes the meeting.
 */
public final class OrderedFill implements AssignmentPolicy {

    private static final Comparator<RouterCandidate> BY_ORDER = Comparator.comparingInt(RouterCandidate::order)
            .thenComparing(RouterCandidate::node);

    private final LeastLoaded overflow = new LeastLoaded();

    @Override
    public Optional<RouterCandidate> choose(List<RouterCandidate> candidates) {
        Optional<RouterCandidate> first = candidates.stream().filter(ACCEPTS_NEW).filter(RouterCandidate::hasRoom)
                .min(BY_ORDER);
        return first.isPresent() ? first : overflow.choose(candidates);
    }
}
