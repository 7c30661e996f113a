package org.confero.web.tunnel;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything one tunnel connection sends its client, one async send at a time (WildFly allows one outstanding send per
 * WebSocket session, while HTTP answers and upstream channels arrive on many threads).
 *
 * <p>
 * Two queues, so that a slow client cannot make the server buffer without bound and media cannot delay control:
 * <ul>
 * <li>text (responses, channel text, opened/closed/error) is never dropped and always goes first. It is bounded by
 * construction — at most 32 responses in flight, one text frame per upstream channel until it has been sent (the
 * channel reads its upstream only then), replies to the client's own messages — and capped at {@link #TEXT_LIMIT}: a
 * client that lets more pile up does not read, and {@link #text} says so (the tunnel then closes);</li>
 * <li>binary media frames wait in a bounded queue; when it is full the newest frame is dropped and counted, as for a
 * slow WebSocket media receiver of the relay.</li>
 * </ul>
 */
final class TunnelOutbound implements SendHandler {

    static final int TEXT_LIMIT = 4096;

    /** Where frames go: the session's async remote, or a test's recorder. */
    interface Transport {
        void sendText(String text, SendHandler handler);

        void sendBinary(ByteBuffer frame, SendHandler handler);
    }

    private record Text(String json, Runnable sent) {
    }

    private final Transport transport;
    private final int binaryLimit;
    private final ConcurrentLinkedQueue<Text> texts = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ByteBuffer> binaries = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedTexts = new AtomicInteger();
    private final AtomicInteger queuedBinaries = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    /** The text being sent, whose callback runs when its send completes; written before the send starts. */
    private volatile Runnable inFlight;
    private volatile boolean failed;

    TunnelOutbound(Transport transport, int binaryLimit) {
        this.transport = transport;
        this.binaryLimit = binaryLimit;
    }

    /**
     * Queues a text message; {@code sent} (may be null) runs once it has been handed to the client. False when
     * {@link #TEXT_LIMIT} messages are waiting already: the client does not read.
     */
    boolean text(String json, Runnable sent) {
        if (queuedTexts.incrementAndGet() > TEXT_LIMIT) {
            queuedTexts.decrementAndGet();
            return false;
        }
        texts.add(new Text(json, sent));
        sendNext();
        return true;
    }

    /** Queues one binary frame, which the caller hands over (it must not change it afterwards). */
    void binary(ByteBuffer frame) {
        if (queuedBinaries.incrementAndGet() > binaryLimit) {
            queuedBinaries.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        binaries.add(frame);
        sendNext();
    }

    /** Binary frames dropped because the client was slower than its media. */
    long dropped() {
        return dropped.get();
    }

    private void sendNext() {
        while (!failed && !(texts.isEmpty() && binaries.isEmpty()) && sending.compareAndSet(false, true)) {
            Text text = texts.poll();
            if (text != null) {
                queuedTexts.decrementAndGet();
                inFlight = text.sent();
                transport.sendText(text.json(), this);
                return;
            }
            ByteBuffer frame = binaries.poll();
            if (frame != null) {
                queuedBinaries.decrementAndGet();
                inFlight = null;
                transport.sendBinary(frame, this);
                return;
            }
            sending.set(false);
        }
    }

    @Override
    public void onResult(SendResult result) {
        Runnable sent = inFlight;
        inFlight = null;
        sending.set(false);
        if (!result.isOK()) {
            // The session is failing; its close tears the tunnel down. Nothing more will be sent.
            failed = true;
            texts.clear();
            binaries.clear();
            return;
        }
        if (sent != null) {
            sent.run();
        }
        sendNext();
    }
}
