/**
 * Failures the domain reports to its callers, each with a stable problem type (RFC 9457) that the REST layer turns into
 * an {@code application/problem+json} answer. Packed into the EAR's lib/ (ejb-shared.jar).
 */
package org.confero.common.api;
