/**
 * How health is published: {@code GET /healthCheck} for load balancers (the CAMServer contract, {@code {"status":200}}
 * or 503 naming what is down) and MicroProfile Health readiness/liveness on the management interface.
 */
package org.confero.health.interfaces;
