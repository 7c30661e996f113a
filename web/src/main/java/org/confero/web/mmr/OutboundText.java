package org.confero.web.mmr;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.confero.control.ControlSink;

/**
 * A control connection's outgoing messages: rooms send from many threads, a WebSocket takes one async send at a time,
 * so messages queue (bounded: a client that stops reading is closed rather than allowed to grow the server's memory).
 */
final class OutboundText implements ControlSink, SendHandler {

    private static final int LIMIT = 1024;

    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();

    OutboundText(Session session) {
        this.session = session;
        this.remote = session.getAsyncRemote();
    }

    @Override
    public void send(String json) {
        if (queued.incrementAndGet() > LIMIT) {
            close("the client does not read its messages");
            return;
        }
        queue.add(json);
        sendNext();
    }

    @Override
    public void close(String reason) {
        try {
            session.close(new jakarta.websocket.CloseReason(jakarta.websocket.CloseReason.CloseCodes.NORMAL_CLOSURE,
                    reason.length() > 120 ? reason.substring(0, 120) : reason));
        } catch (IOException | IllegalStateException e) {
            // already closed
        }
    }

    private void sendNext() {
        while (!queue.isEmpty() && sending.compareAndSet(false, true)) {
            String next = queue.poll();
            if (next == null) {
                sending.set(false);
                continue;
            }
            queued.decrementAndGet();
            remote.sendText(next, this);
            return;
        }
    }

    @Override
    public void onResult(SendResult result) {
        sending.set(false);
        if (result.isOK()) {
            sendNext();
        }
    }
}
