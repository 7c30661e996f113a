package org.confero.media.relay;

/**
 * Which path of this server attached a virtual endpoint (issue 22: tunnel media is its own transport). The JCA layer
 * says it from what the server knows about the connection — a WebSocket the router's media endpoint accepted from a
 * client, or one an HTTP tunnel server opened on a client's behalf and proved with the cluster's key — never from a
 * field the client sent. Cascade links are recognised by their participant id instead.
 */
public enum VirtualVia {
    /** WebSocket over TLS 443 straight from the client (also the web client's media). */
    WEBSOCKET,
    /** Relayed by an HTTP tunnel server of this deployment. */
    TUNNEL
}
