package org.confero.health.probe;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.confero.health.api.HealthReporter;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /health/live}: the same checks as readiness, as the issue asks. An orchestrator that restarts on liveness
 * failure will therefore restart a node whose database is gone; point such orchestrators at readiness only.
 */
@Liveness
@ApplicationScoped
public class ConferoLiveness implements HealthCheck {

    @EJB(lookup = HealthReporter.JNDI_NAME)
    private HealthReporter monitor;

    @Override
    public HealthCheckResponse call() {
        return HealthResponses.of(monitor.check());
    }
}
