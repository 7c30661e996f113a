package org.confero.client.zone;

import java.util.Comparator;
import java.util.List;

/**
 * Orders measured controllers for assignment, best first. Only controllers that answered take part. Zones the lookup
 * marked available come before full, draining or unhealthy ones whatever their score: a fast controller that cannot
 * place us is no use. Within that, the lower {@link ProbeResult#score()} wins; ties go to the lookup's rank, which
 * already weighs admin rules and geography.
 */
public final class ZoneChoice {

    private static final Comparator<ProbeResult> ORDER = Comparator.comparing((ProbeResult r) -> !r.zoneAvailable())
            .thenComparingDouble(ProbeResult::score).thenComparingInt(ProbeResult::zoneRank);

    private ZoneChoice() {
    }

    /** The controllers that answered, best first: the order in which to ask for a router. */
    public static List<ProbeResult> ranked(List<ProbeResult> results) {
        return results.stream().filter(ProbeResult::answered).sorted(ORDER).toList();
    }

    /** Every controller: those that answered best first, then the silent ones in the lookup's order. */
    public static List<ProbeResult> ordered(List<ProbeResult> results) {
        List<ProbeResult> all = new java.util.ArrayList<>(ranked(results));
        results.stream().filter(r -> !r.answered()).forEach(all::add);
        return List.copyOf(all);
    }
}
