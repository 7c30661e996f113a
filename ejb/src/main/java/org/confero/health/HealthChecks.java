package org.confero.health;

import org.confero.health.api.CheckResult;
import org.confero.health.api.HealthReport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs all checks in parallel, each bounded by the same deadline, so a report takes at most about one timeout however
 * many dependencies hang. Plain Java: the container-managed {@link HealthMonitor} supplies checks and executor.
 */
public final class HealthChecks {

    private final List<TimedProbe> probes;
    private final Duration timeout;

    public HealthChecks(List<? extends DependencyCheck> checks, Duration timeout) {
        this.probes = checks.stream().map(TimedProbe::new).toList();
        this.timeout = timeout;
    }

    public HealthReport run(ExecutorService executor) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Future<CheckResult>> started = new ArrayList<>(probes.size());
        for (TimedProbe probe : probes) {
            started.add(probe.start(executor));
        }
        List<CheckResult> results = new ArrayList<>(probes.size());
        for (int i = 0; i < probes.size(); i++) {
            results.add(probes.get(i).await(started.get(i), deadline));
        }
        return new HealthReport(results);
    }
}
