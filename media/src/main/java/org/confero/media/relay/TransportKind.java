package org.confero.media.relay;

/** How an endpoint reaches the relay. VIRTUAL covers everything the JCA layer attaches (WebSocket, tunnel, cascade). */
public enum TransportKind {
    UDP, TCP, VIRTUAL
}
