/**
 * MicroProfile Health readiness and liveness ({@code /health/ready}, {@code /health/live} on the management port).
 * These beans are packed into the EAR's lib/ (ejb-shared.jar), not into ejb.jar or web.war: WildFly 39's health
 * extension finds checks through the bean manager of the EAR's top level, which does not see into subdeployments
 * (WFLY-12835; measured: a check in web.war or ejb.jar is never called, one in lib/ is). They reach the monitor through
 * {@link org.confero.health.api.HealthReporter#JNDI_NAME}.
 */
package org.confero.health.probe;
