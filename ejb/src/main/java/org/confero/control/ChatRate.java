package org.confero.control;

/**
 * At most {@code perMinute} chat messages a minute from one participant: a token bucket that refills continuously, so a
 * burst of up to {@code perMinute} is allowed after a quiet minute, and a steady sender gets one message every
 * {@code 60 s / perMinute}. One per participant, guarded by its room's lock.
 */
final class ChatRate {

    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final int perMinute;
    private double tokens;
    private long lastNanos;

    ChatRate(int perMinute, long nowNanos) {
        this.perMinute = perMinute;
        this.tokens = perMinute;
        this.lastNanos = nowNanos;
    }

    /** Takes one message's token; false when the participant has to slow down. */
    boolean tryAcquire(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastNanos);
        lastNanos = nowNanos;
        tokens = Math.min(perMinute, tokens + (double) elapsed * perMinute / MINUTE_NANOS);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
