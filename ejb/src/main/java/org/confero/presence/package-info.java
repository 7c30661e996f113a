/**
 * Presence of users — available, busy, in a meeting, offline — the same on every server. Each server writes, per user
 * it serves, how many chat connections and meeting seats the user has there, and keeps renewing it; a user's presence
 * combines the entries still current with the status the user chose. A server that dies stops renewing, so within the
 * entries' lifetime its users go offline everywhere, and the survivors tell their connections.
 */
package org.confero.presence;
