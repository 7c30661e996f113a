package org.confero.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.confero.protocol.media.MediaType;

/**
 * The event meters of one server: what happens (assignments, failovers, chat messages, failed passcodes and logins,
 * backups, join phases, call quality) counted the moment it happens. Every series carries {@code zone}, and
 * {@code router} (this server's node name) where the server acts as a router. Label values come from fixed sets, never
 * from a client, so the number of series is bounded.
 *
 * <p>
 * Plain Java over any {@link MeterRegistry}: {@link ConferoMeters} runs it on WildFly's; tests on Micrometer's
 * Prometheus registry. Every meter is registered by name ({@code counter(name, tags)}, {@code gauge(name, tags, …)},
 * {@code more().counter(name, tags, …)}), never with a builder: the registry WildFly 39 injects into deployments
 * ({@code ApplicationRegistry}) passes only those on to the server's registries; a builder's meter stays in the
 * deployment's own registry and is never exported. Descriptions (Prometheus HELP) are lost on that path too; the
 * README's series table is the description.
 */
public final class Instruments {

    /** Every Confero series' name starts so (what an undeploy removes, see {@link ConferoMeters}). */
    public static final String PREFIX = "confero.";

    /** The join phases a client may report, as the client library names them (lower case). */
    public static final Set<String> JOIN_PHASES = Set.of("lookup", "zone_selection", "tunnel", "assignment", "control",
            "admission", "media", "total");
    /** What kind of client reported: the Java client library, the command line, the browser's web client. */
    public static final Set<String> CLIENT_KINDS = Set.of("java", "cli", "web");

    static final double[] JOIN_SECONDS = { 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13, 30 };
    static final double[] LOSS_RATIO = { 0, 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5 };
    static final double[] JITTER_MS = { 1, 2, 5, 10, 20, 30, 50, 100, 250 };
    static final double[] RTT_MS = { 5, 10, 20, 50, 100, 150, 200, 300, 500, 1000 };

    private final MeterRegistry registry;
    private final Tags zone;
    private final Tags router;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, BucketHistogram> joinPhases = new ConcurrentHashMap<>();
    private final Map<MediaType, BucketHistogram> loss = new EnumMap<>(MediaType.class);
    private final Map<MediaType, BucketHistogram> jitter = new EnumMap<>(MediaType.class);
    private final Map<MediaType, BucketHistogram> rtt = new EnumMap<>(MediaType.class);
    private final AtomicLong lastBackupEpochSeconds = new AtomicLong();
    private final AtomicLong lastBackupMillis = new AtomicLong();
    private final LongAdder failedBackups = new LongAdder();

    public Instruments(MeterRegistry registry, String routerName, String zoneName) {
        this.registry = registry;
        this.zone = Tags.of("zone", zoneName);
        this.router = zone.and("router", routerName);
        for (String phase : JOIN_PHASES) {
            // Connection-process phase durations that clients reported when their join completed.
            joinPhases.put(phase, new BucketHistogram(registry, "confero.join.phase.seconds", zone.and("phase", phase),
                    JOIN_SECONDS));
        }
        for (MediaType type : MediaType.values()) {
            Tags media = router.and("media", name(type));
            // What participants reported per media type: loss (0..1), RFC 3550 jitter and round trip (ms).
            loss.put(type, new BucketHistogram(registry, "confero.call.loss.ratio", media, LOSS_RATIO));
            jitter.put(type, new BucketHistogram(registry, "confero.call.jitter.ms", media, JITTER_MS));
            rtt.put(type, new BucketHistogram(registry, "confero.call.rtt.ms", media, RTT_MS));
        }
        // Gauges hold their state weakly: these fields keep it. Last success as Unix time (0: none since start).
        registry.gauge("confero.backup.last.success.seconds", zone, lastBackupEpochSeconds, AtomicLong::get);
        registry.gauge("confero.backup.last.duration.seconds", zone, lastBackupMillis, m -> m.get() / 1000.0);
        registry.more().counter("confero.backup.failures", zone, failedBackups, LongAdder::sum);
    }

    /** A zone controller placed a participant: by policy, the router chosen, and whether it overflowed the meeting. */
    public void assigned(String policy, String chosenRouter, boolean overflow) {
        count("confero.zc.assignments", "Router assignments by this zone controller",
                zone.and("policy", policy, "router", chosenRouter, "overflow", Boolean.toString(overflow)));
    }

    /** A router was taken out of service because it stopped answering (its meetings move on). */
    public void routerFailedOver(String failedRouter) {
        count("confero.router.failovers", "Routers removed as unreachable; their participants moved to others",
                zone.and("router", failedRouter));
    }

    /** A chat message was stored: {@code meeting} chat on this router, or persistent {@code room} chat. */
    public void chatMessage(String kind) {
        count("confero.chat.messages", "Chat messages stored", router.and("kind", kind));
    }

    public void passcodeFailure() {
        count("confero.passcode.failures", "Meeting lookups refused for a wrong or missing passcode", zone);
    }

    public void authenticationFailure() {
        count("confero.auth.failures", "Failed logins (HTTP Basic or API token answered 401)", zone);
    }

    public void backupSucceeded(Instant finishedAt, Duration took) {
        lastBackupEpochSeconds.set(finishedAt.getEpochSecond());
        lastBackupMillis.set(took.toMillis());
    }

    public void backupFailed() {
        failedBackups.increment();
    }

    /** One phase of a client's join; unknown phases are ignored. */
    public void joinPhase(String phase, double seconds) {
        BucketHistogram histogram = joinPhases.get(phase);
        if (histogram != null) {
            histogram.observe(seconds);
        }
    }

    /** One participant's report for one media type; an absent value is NaN and skipped. */
    public void quality(MediaType type, double lossRatio, double jitterMs, double rttMs) {
        loss.get(type).observe(lossRatio);
        jitter.get(type).observe(jitterMs);
        rtt.get(type).observe(rttMs);
    }

    MeterRegistry registry() {
        return registry;
    }

    Tags routerTags() {
        return router;
    }

    /** {@code description}: what the series counts (not exported, see the class comment). */
    private void count(String name, String description, Tags tags) {
        counters.computeIfAbsent(name + tags, k -> registry.counter(name, tags)).increment();
    }

    static String name(MediaType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    static List<String> mediaNames() {
        return java.util.Arrays.stream(MediaType.values()).map(Instruments::name).toList();
    }
}
