package org.confero.health.microprofile;

import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;

import org.confero.health.HealthMonitor;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /health/ready} on the management port: ready to take users when every dependency is up. */
@Readiness
@ApplicationScoped
public class ConferoReadiness implements HealthCheck {

    @Inject
    private HealthMonitor monitor;

    @Override
    public HealthCheckResponse call() {
        return HealthResponses.of(monitor.check());
    }
}
