package org.confero.health.probe;

import org.confero.health.api.CheckResult;
import org.confero.health.api.HealthReport;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** The same report in MicroProfile Health's shape: one response named {@code confero}, a data entry per check. */
final class HealthResponses {

    private HealthResponses() {
    }

    static HealthCheckResponse of(HealthReport report) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("confero").status(report.up());
        for (CheckResult check : report.checks()) {
            builder.withData(check.name(), (check.up() ? "UP: " : "DOWN: ") + check.detail());
        }
        return builder.build();
    }
}
