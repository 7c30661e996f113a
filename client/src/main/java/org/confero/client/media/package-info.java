/**
 * Phase five: one media connection per media type, UDP first, then TCP with RFC 4571 framing, then WebSocket over TLS.
 * UDP and TCP prove the media credentials with the STUN binding handshake of
 * {@link org.confero.protocol.media.MediaBinding}; WebSocket with a first text frame. Every connection reads on a
 * thread of its own into a bounded queue, so consent checks are answered even while the application is not receiving.
 */
package org.confero.client.media;
