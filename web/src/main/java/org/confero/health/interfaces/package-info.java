/**
 * How health is published: {@code GET /healthCheck} for load balancers (the CAMServer contract, {@code {"status":200}}
 * or 503 naming what is down). MicroProfile Health is published from the EJB module (org.confero.health.microprofile).
 */
package org.confero.health.interfaces;
