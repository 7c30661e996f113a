package org.confero.client.quality;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.confero.client.media.MediaConnection;
import org.confero.protocol.media.MediaType;

/**
 * Reports this participant's call quality to its router every {@code interval} (issue 22): per media type, the loss and
 * jitter its {@link ReceiveQuality} measured and the round trip of that media type's own connection — a probe the relay
 * answers on the same path ({@link MediaConnection#probeRoundTrip()}: STUN on UDP and TCP, a probe frame on WebSocket
 * and through a tunnel), sent every interval — not the control channel's; once, right away, the join's phase durations.
 * The router keeps the latest per participant for admins and counts them in its metrics.
 *
 * <pre>
 * {"type":"quality","client":"java","media":{"audio":{"loss":0.0,"jitterMs":2.1,"rttMs":31.5}}}
 * {"type":"join-phases","client":"java","phases":{"lookup":0.08,…,"total":1.4}}
 * </pre>
 *
 * One daemon thread per session; {@link #close()} stops it. A report that cannot be sent (control channel resuming) is
 * skipped: the next one says the same, newer.
 */
public final class QualityReporter implements AutoCloseable {

    /** What the reporter sends through: the session's control channel. */
    @FunctionalInterface
    public interface Channel {
        void send(JsonObject message) throws IOException;
    }

    /** The session's media connection of a media type, if it has one (the same object for the whole session). */
    @FunctionalInterface
    public interface MediaPaths {
        Optional<MediaConnection> path(MediaType type);
    }

    private final Channel channel;
    private final MediaPaths paths;
    private final String clientKind;
    private final Map<MediaType, ReceiveQuality> receiving = new EnumMap<>(MediaType.class);
    private final ScheduledExecutorService timer;

    public QualityReporter(Channel channel, MediaPaths paths, String clientKind, Duration interval) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.paths = Objects.requireNonNull(paths, "paths");
        this.clientKind = Objects.requireNonNull(clientKind, "clientKind");
        for (MediaType type : MediaType.values()) {
            receiving.put(type, new ReceiveQuality(type));
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "confero-quality");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(200, interval.toMillis());
        // A first round trip soon, so that the first report (one interval later) has one.
        timer.schedule(this::probe, Math.min(200, every), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::report, every, every, TimeUnit.MILLISECONDS);
    }

    /** Where the application hands in what a media connection received (RTP), to measure loss and jitter. */
    public ReceiveQuality receiving(MediaType type) {
        return receiving.get(type);
    }

    /** Sends the join's phase durations once, in seconds by phase name. */
    public void joinCompleted(Map<String, Double> phaseSeconds) {
        JsonObjectBuilder phases = Json.createObjectBuilder();
        phaseSeconds.forEach(phases::add);
        send(Json.createObjectBuilder().add("type", "join-phases").add("client", clientKind).add("phases", phases)
                .build());
    }

    /** The report as it would go now (and the loss interval restarts). */
    JsonObject nextReport() {
        JsonObjectBuilder media = Json.createObjectBuilder();
        receiving.forEach((type, quality) -> {
            ReceiveQuality.Interval interval = quality.interval();
            OptionalDouble rtt = paths.path(type).map(MediaConnection::roundTripMillis).orElse(OptionalDouble.empty());
            if (interval.jitterMs().isEmpty() && rtt.isEmpty()) {
                return;
            }
            JsonObjectBuilder values = Json.createObjectBuilder();
            interval.loss().ifPresent(v -> values.add("loss", v));
            interval.jitterMs().ifPresent(v -> values.add("jitterMs", v));
            rtt.ifPresent(v -> values.add("rttMs", v));
            media.add(type.name().toLowerCase(Locale.ROOT), values);
        });
        return Json.createObjectBuilder().add("type", "quality").add("client", clientKind).add("media", media).build();
    }

    private void report() {
        JsonObject report = nextReport();
        if (!report.getJsonObject("media").isEmpty()) {
            send(report);
        }
        probe();
    }

    /** One probe per media connection; an answer arrives on the connection's reader before the next report. */
    private void probe() {
        for (MediaType type : MediaType.values()) {
            try {
                paths.path(type).ifPresent(MediaConnection::probeRoundTrip);
            } catch (RuntimeException e) {
                // A connection that is going away: no round trip this time.
            }
        }
    }

    private void send(JsonObject message) {
        try {
            channel.send(message);
        } catch (IOException | RuntimeException e) {
            // Resuming or closed: this report is skipped, the next one is newer anyway.
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
