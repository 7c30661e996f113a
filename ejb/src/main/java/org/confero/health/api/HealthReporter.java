package org.confero.health.api;

/**
 * The local business view of the server's health monitor, for callers outside the EJB module (the web tier, the
 * MicroProfile Health probes in the EAR's lib/).
 */
public interface HealthReporter {

    /** Where callers that cannot see the EJB module look the monitor up. */
    String JNDI_NAME = "java:app/ejb/HealthMonitor!org.confero.health.api.HealthReporter";

    /** Probes every dependency now, each within the configured deadline. */
    HealthReport check();
}
