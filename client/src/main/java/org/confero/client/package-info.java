/**
 * The Confero client library: {@link org.confero.client.ConferoClient} runs the connection process of ARCHITECTURE.md
 * as a desktop client does — meeting lookup, zone controller probes, router assignment, control channel, the waiting
 * room when the meeting has one, and one media connection per media type with UDP → TCP → WebSocket fallback, bound
 * with the credentials the control channel hands out after admission — and reports every phase to a
 * {@link org.confero.client.ConnectionListener}. No server dependencies: java.net.http, Jakarta JSON-P, the protocol.
 */
package org.confero.client;
