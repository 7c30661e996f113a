/**
 * Confero's own metrics (issue 22), recorded through the Micrometer registry that WildFly's Micrometer subsystem
 * injects and served by its Prometheus registry ({@code /prometheus} on the management interface): meetings,
 * participants, media bindings, relay throughput and drops, join phases, router assignment, failover and cascade, chat,
 * failed passcodes and logins, backups and call quality. {@link org.confero.metrics.ConferoMeters} owns the meters;
 * {@link org.confero.metrics.MetricsSampler} turns this server's state into gauges.
 */
package org.confero.metrics;
