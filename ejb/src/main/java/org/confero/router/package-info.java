/**
 * The multimedia routers of the cluster as the zone controllers and the lookup see them: each router heartbeats its
 * load into the replicated {@code routers} cache; entries expire, so a router that stops heartbeating drops out.
 */
package org.confero.router;
