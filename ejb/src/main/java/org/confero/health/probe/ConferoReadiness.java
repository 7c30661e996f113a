package org.confero.health.probe;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.confero.health.api.HealthReporter;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /health/ready} on the management port: ready to take users when every dependency is up. */
@Readiness
@ApplicationScoped
public class ConferoReadiness implements HealthCheck {

    @EJB(lookup = HealthReporter.JNDI_NAME)
    private HealthReporter monitor;

    @Override
    public HealthCheckResponse call() {
        return HealthResponses.of(monitor.check());
    }
}
