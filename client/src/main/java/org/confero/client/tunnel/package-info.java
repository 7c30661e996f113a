/**
 * The HTTP tunnel fallback: when no zone controller answers in time, the first tunnel server to answer a ping carries
 * the rest of the connection process — assignment, control channel, media — multiplexed in one WebSocket over TLS.
 */
package org.confero.client.tunnel;
