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

    public static List<ProbeResult> ranked(List<ProbeResult> results) {
        return results.stream().filter(ProbeResult::answered).sorted(ORDER).toList();
    }
}
