/**
 * Phase five: one media connection per media type, UDP first, then TCP with RFC 4571 framing, then WebSocket over TLS.
 * UDP and TCP prove the media credentials with the STUN binding handshake of
 * {@link org.confero.protocol.media.MediaBinding}; WebSocket with a first text frame. Every connection reads on a
 * thread of its own into a bounded queue, so consent checks are answered even while the application is not receiving.
 * The credentials come from the control channel ({@link org.confero.client.media.MediaGrant}); the
 * {@link org.confero.client.media.RefreshingConnector} asks for fresh ones when they expired or the relay refused them.
 */
package org.confero.client.media;
