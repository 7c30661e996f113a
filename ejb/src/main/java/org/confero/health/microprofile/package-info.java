/**
 * MicroProfile Health readiness and liveness ({@code /health/ready}, {@code /health/live} on the management port).
 * These beans live in the EJB module, not in web.war: WildFly's health extension looks checks up through a bean
 * manager that does not see into the WAR of an EAR, so checks in the WAR are never called.
 */
package org.confero.health.microprofile;
