/**
 * Which multimedia router hosts a meeting: pure assignment policies over the routers' heartbeats, no container types.
 * The zone controller applies them (meeting affinity first, then the configured policy) and records the placement.
 */
package org.confero.routing;
