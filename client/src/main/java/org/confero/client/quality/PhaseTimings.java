package org.confero.client.quality;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.confero.client.ConnectionListener;
import org.confero.client.media.MediaOutcome;
import org.confero.client.media.Transport;
import org.confero.protocol.media.MediaType;
import org.confero.client.Phase;
import org.confero.client.zone.ProbeResult;

/**
 * Times the phases of a join as the connection process reports them, and passes every call on to the application's
 * listener. {@link #start()} begins a join; {@link #seconds()} gives each phase that succeeded and the total so far.
 * One join at a time: a client that joins twice at once mixes their timings.
 */
public final class PhaseTimings implements ConnectionListener {

    private final ConnectionListener next;
    private final Map<Phase, Long> started = new EnumMap<>(Phase.class);
    private final Map<Phase, Long> took = new EnumMap<>(Phase.class);
    private long joinStarted;

    public PhaseTimings(ConnectionListener next) {
        this.next = next;
    }

    public synchronized void start() {
        started.clear();
        took.clear();
        joinStarted = System.nanoTime();
    }

    /** Phase name (lower case, as the router expects) → seconds, with {@code total} since {@link #start()}. */
    public synchronized Map<String, Double> seconds() {
        Map<String, Double> seconds = new java.util.LinkedHashMap<>();
        took.forEach((phase, nanos) -> seconds.put(phase.name().toLowerCase(Locale.ROOT), nanos / 1e9));
        seconds.put("total", (System.nanoTime() - joinStarted) / 1e9);
        return seconds;
    }

    @Override
    public void phaseStarted(Phase phase) {
        synchronized (this) {
            started.put(phase, System.nanoTime());
        }
        next.phaseStarted(phase);
    }

    @Override
    public void phaseSucceeded(Phase phase, String detail) {
        synchronized (this) {
            Long since = started.get(phase);
            if (since != null) {
                took.put(phase, System.nanoTime() - since);
            }
        }
        next.phaseSucceeded(phase, detail);
    }

    @Override
    public void phaseFailed(Phase phase, String reason) {
        next.phaseFailed(phase, reason);
    }

    @Override
    public void zonesProbed(List<ProbeResult> results) {
        next.zonesProbed(results);
    }

    @Override
    public void mediaConnected(MediaOutcome outcome) {
        next.mediaConnected(outcome);
    }

    @Override
    public void relocated(String fromRouter, String toRouter, Duration took) {
        next.relocated(fromRouter, toRouter, took);
    }

    @Override
    public void transportChanged(MediaType mediaType, Transport from, Transport to, MediaOutcome outcome) {
        next.transportChanged(mediaType, from, to, outcome);
    }

    @Override
    public void roleChanged(String role, boolean canSend, java.util.List<MediaOutcome> rebound) {
        next.roleChanged(role, canSend, rebound);
    }
}
