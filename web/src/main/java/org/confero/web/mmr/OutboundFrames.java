package org.confero.web.mmr;

import org.confero.web.socket.SerialSender;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The media packets waiting for one WebSocket receiver. The relay offers packets on its I/O threads, which must never
 * block; when the receiver is slow and the queue full, its newest packets are dropped and counted, and nobody else
 * waits.
 */
final class OutboundFrames extends SerialSender<Object> {

    private final RemoteEndpoint.Async remote;
    private final AtomicLong dropped = new AtomicLong();

    OutboundFrames(RemoteEndpoint.Async remote, int limit) {
        super(limit);
        this.remote = remote;
    }

    /** Called on relay threads; {@code packet} is valid only during the call, so it is copied. */
    void offer(ByteBuffer packet) {
        ByteBuffer copy = ByteBuffer.allocate(packet.remaining());
        copy.put(packet.duplicate()).flip();
        if (!enqueue(copy)) {
            dropped.incrementAndGet();
        }
    }

    /**
     * Issue 22: a text frame (a round-trip probe's answer) in line with the media, since a WebSocket sends one frame at
     * a time; false when the queue is full (the probe goes unanswered, as a lost packet would).
     */
    boolean offerText(String text) {
        return enqueue(text);
    }

    long dropped() {
        return dropped.get();
    }

    /** Packets are ByteBuffers, probe answers Strings: nothing else is queued. */
    @Override
    protected void transmit(Object frame, SendHandler handler) {
        if (frame instanceof String text) {
            remote.sendText(text, handler);
        } else {
            remote.sendBinary((ByteBuffer) frame, handler);
        }
    }
}
