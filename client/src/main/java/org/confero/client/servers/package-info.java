/**
 * Which Confero server to call, and the next one when it is gone. A deployment says how its clients fail over
 * ({@code GET /api/v1/servers}): through its load balancer's URL, or along its servers' own URLs in
 * {@code confero.cluster.hosts} order. {@link ServerFailover} runs any HTTP call (lookup, REST, the opening of a
 * WebSocket) along that list; anything that speaks to "a Confero server" can use it.
 */
package org.confero.client.servers;
