package org.confero.client.quality;

import jakarta.json.JsonObject;

import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

import org.confero.client.control.ControlListener;

/**
 * The round trip to the router, timed on the control channel: a {@code ping} sent, its {@code pong} received. Wraps the
 * application's {@link ControlListener} and passes every message on unchanged. One ping in flight at a time; a pong
 * without a ping of ours (the session's own keep-alive) is not timed.
 */
public final class RoundTrips implements ControlListener {

    private final ControlListener next;
    private final AtomicLong pingSentNanos = new AtomicLong();
    private volatile double lastMillis = Double.NaN;

    public RoundTrips(ControlListener next) {
        this.next = next;
    }

    /** Call just before sending a ping; false while an earlier one waits for its pong. */
    boolean pinging(long nowNanos) {
        return pingSentNanos.compareAndSet(0, nowNanos);
    }

    /** The ping could not be sent: the next one may go. */
    void pingFailed() {
        pingSentNanos.set(0);
    }

    public OptionalDouble lastMillis() {
        double last = lastMillis;
        return Double.isNaN(last) ? OptionalDouble.empty() : OptionalDouble.of(last);
    }

    @Override
    public void onMessage(JsonObject message) {
        if ("pong".equals(message.getString("type", ""))) {
            long sent = pingSentNanos.getAndSet(0);
            if (sent != 0) {
                lastMillis = (System.nanoTime() - sent) / 1e6;
            }
        }
        next.onMessage(message);
    }

    @Override
    public void onConnectionLost(String reason) {
        pingSentNanos.set(0);
        next.onConnectionLost(reason);
    }

    @Override
    public void onResumed() {
        next.onResumed();
    }

    @Override
    public void onGaveUp(String reason) {
        next.onGaveUp(reason);
    }
}
