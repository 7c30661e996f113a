package org.confero.client.media;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The round trip of one media connection's own path (issue 22), timed by a probe the relay answers on that path: a STUN
 * binding request on UDP and TCP, a probe text frame on WebSocket (and so through an HTTP tunnel). One probe in flight
 * at a time; one unanswered for {@link #GIVE_UP} is forgotten (lost on UDP), and the next may go. An answer counts only
 * when it carries the id of the probe in flight, so a late or forged answer changes nothing. Thread-safe: the
 * reporter's timer sends, the connection's reader answers.
 */
final class PathRoundTrip {

    static final Duration GIVE_UP = Duration.ofSeconds(5);

    private byte[] inFlight;
    private long sentNanos;
    private double lastMillis = Double.NaN;

    /** Call before sending a probe with {@code id}; false (send nothing) while an earlier probe is still awaited. */
    synchronized boolean sending(byte[] id, long nowNanos) {
        if (inFlight != null && nowNanos - sentNanos < GIVE_UP.toNanos()) {
            return false;
        }
        inFlight = id.clone();
        sentNanos = nowNanos;
        return true;
    }

    /** The probe could not be sent: the next one may go at once. */
    synchronized void notSent(byte[] id) {
        if (inFlight != null && Arrays.equals(inFlight, id)) {
            inFlight = null;
        }
    }

    /** An answer arrived carrying {@code id}; true when it was the probe in flight (and the round trip is recorded). */
    synchronized boolean answered(byte[] id, long nowNanos) {
        if (inFlight == null || !Arrays.equals(inFlight, id)) {
            return false;
        }
        inFlight = null;
        lastMillis = Math.max(0, nowNanos - sentNanos) / 1e6;
        return true;
    }

    synchronized OptionalDouble lastMillis() {
        return Double.isNaN(lastMillis) ? OptionalDouble.empty() : OptionalDouble.of(lastMillis);
    }

    /** The id of the probe awaited now, if any (the WebSocket answer names it as a number). */
    synchronized Optional<byte[]> awaited() {
        return Optional.ofNullable(inFlight).map(byte[]::clone);
    }
}
