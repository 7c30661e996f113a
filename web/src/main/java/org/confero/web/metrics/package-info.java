/**
 * The Prometheus scrape endpoint of a managed domain's servers ({@code GET /prometheus} on the application's ports,
 * behind a bearer scrape token; issue 22). A standalone server needs none of it: WildFly serves its own Prometheus
 * registry on the management interface there.
 */
package org.confero.web.metrics;
