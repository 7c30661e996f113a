package org.confero.web.socket;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Messages for one WebSocket, queued from any thread and sent one at a time: a WebSocket allows one outstanding async
 * send, while rooms and the relay write from many threads. The queue is bounded, so a receiver that stops reading
 * cannot grow the server's memory; what to do when it is full is the subclass's choice.
 */
public abstract class SerialSender<M> implements SendHandler {

    private final int limit;
    private final ConcurrentLinkedQueue<M> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();

    protected SerialSender(int limit) {
        this.limit = limit;
    }

    /** Queues a message; false (nothing queued) when the queue is full. */
    protected final boolean enqueue(M message) {
        if (queued.incrementAndGet() > limit) {
            queued.decrementAndGet();
            return false;
        }
        queue.add(message);
        sendNext();
        return true;
    }

    /** Starts the async send of one message; the container calls {@code handler} when it is done. */
    protected abstract void transmit(M message, SendHandler handler);

    private void sendNext() {
        while (!queue.isEmpty() && sending.compareAndSet(false, true)) {
            M next = queue.poll();
            if (next == null) {
                sending.set(false);
                continue;
            }
            queued.decrementAndGet();
            transmit(next, this);
            return;
        }
    }

    @Override
    public final void onResult(SendResult result) {
        sending.set(false);
        if (result.isOK()) {
            sendNext();
        } else {
            queue.clear();
            queued.set(0);
        }
    }
}
