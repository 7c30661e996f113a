package org.confero.web.messaging;

import jakarta.websocket.Session;

import org.confero.web.socket.OutboundText;

/** One authenticated chat WebSocket: its user and its bounded outgoing queue. */
record ChatConnection(String username, Session session, OutboundText out) {

    void send(String json) {
        out.send(json);
    }
}
