/**
 * Presence of users — available, busy, in a meeting, offline — the same on every server. Each server writes, per user
 * it serves, how many chat connections and meeting seats the user has there; a user's presence combines the entries of
 * the servers in the current cluster view with the status the user chose. A server that dies leaves the view, so its
 * users' entries stop counting at once, and the survivors tell their connections.
 */
package org.confero.presence;
