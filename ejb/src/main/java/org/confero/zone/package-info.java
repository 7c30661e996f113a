/**
 * Meeting zones (groups of servers with their zone controllers, placed somewhere) and HTTP tunnels, as admins define
 * them; {@code ranking} orders them for a client, {@code geoip} locates clients.
 */
package org.confero.zone;
