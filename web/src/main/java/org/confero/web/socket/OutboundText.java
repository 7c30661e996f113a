package org.confero.web.socket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;

import java.io.IOException;

import org.confero.control.ControlSink;

/**
 * A control connection's outgoing messages. A client that stops reading its messages is disconnected (it may resume)
 * rather than allowed to grow the queue.
 */
public final class OutboundText extends SerialSender<String> implements ControlSink {

    private static final int LIMIT = 1024;

    private final Session session;

    public OutboundText(Session session) {
        super(LIMIT);
        this.session = session;
    }

    @Override
    public void send(String json) {
        if (!enqueue(json)) {
            close("the client does not read its messages");
        }
    }

    @Override
    public void close(String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE,
                    reason.length() > 120 ? reason.substring(0, 120) : reason));
        } catch (IOException | IllegalStateException e) {
            // already closed
        }
    }

    @Override
    protected void transmit(String json, SendHandler handler) {
        session.getAsyncRemote().sendText(json, handler);
    }
}
