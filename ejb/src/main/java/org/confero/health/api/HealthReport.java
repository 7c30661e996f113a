package org.confero.health.api;

import java.util.List;

/** The state of every dependency, in check order; up only when all are. */
public record HealthReport(List<CheckResult> checks) {

    public HealthReport {
        checks = List.copyOf(checks);
    }

    public boolean up() {
        return checks.stream().allMatch(CheckResult::up);
    }
}
