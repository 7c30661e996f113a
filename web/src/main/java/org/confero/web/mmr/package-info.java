/**
 * The multimedia router's web side: media over WebSocket/TLS ({@code /api/v1/mmr/media}), for clients that reach
 * neither UDP nor TCP 8801. Each connection is attached to the relay as a virtual endpoint and forwarded to and from
 * like any other participant.
 */
package org.confero.web.mmr;
