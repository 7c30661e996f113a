/**
 * Message channels: what the control channel and media over WebSocket need of a connection — whole text and binary
 * messages both ways — whether it is a WebSocket of its own or a channel inside an HTTP tunnel.
 */
package org.confero.client.ws;
