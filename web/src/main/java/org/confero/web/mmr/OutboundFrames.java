package org.confero.web.mmr;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The packets waiting for one WebSocket receiver. The relay offers packets on its I/O threads, which must never block,
 * so each is copied into a bounded queue and sent one frame at a time (a WebSocket allows one outstanding async send);
 * when the receiver is slow and the queue full, its newest packets are dropped and counted, and nobody else waits.
 */
final class OutboundFrames implements SendHandler {

    private final RemoteEndpoint.Async remote;
    private final int limit;
    private final ConcurrentLinkedQueue<ByteBuffer> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();

    OutboundFrames(RemoteEndpoint.Async remote, int limit) {
        this.remote = remote;
        this.limit = limit;
    }

    /** Called on relay threads; {@code packet} is valid only during the call, so it is copied. */
    void offer(ByteBuffer packet) {
        if (queued.incrementAndGet() > limit) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(packet.remaining());
        copy.put(packet.duplicate()).flip();
        queue.add(copy);
        sendNext();
    }

    long dropped() {
        return dropped.get();
    }

    private void sendNext() {
        while (!queue.isEmpty() && sending.compareAndSet(false, true)) {
            ByteBuffer next = queue.poll();
            if (next == null) {
                sending.set(false);
                continue;
            }
            queued.decrementAndGet();
            remote.sendBinary(next, this);
            return;
        }
    }

    @Override
    public void onResult(SendResult result) {
        sending.set(false);
        if (result.isOK()) {
            sendNext();
        } else {
            queue.clear();
            queued.set(0);
        }
    }
}
