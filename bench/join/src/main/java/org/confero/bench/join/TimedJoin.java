package org.confero.bench.join;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.confero.cli.media.TestPacket;
import org.confero.cli.media.WallClock;
import org.confero.client.ConnectionListener;
import org.confero.client.MeetingSession;
import org.confero.client.Phase;
import org.confero.client.media.MediaAttempt;
import org.confero.client.media.MediaOutcome;
import org.confero.protocol.media.MediaType;

/**
 * The clock of one join: when each phase started and ended, when each media type bound and which transports it tried,
 * and when the first test audio packet from the peer arrived. All times are {@link System#nanoTime()} relative to
 * {@code t0}, taken just before {@code ConferoClient.join}.
 *
 * <p>The audio receiver is attached in {@link #mediaConnected}, on the joining thread, as soon as audio binds, before
 * video and content are connected: the first audio packet can arrive while {@code join} is still busy with them, and a
 * user hears it then. Packets that arrived in the microseconds before the receiver was attached were queued by the
 * connection and are handed over at attachment, so none is missed (at worst stamped a few microseconds late). When
 * {@code join} returns, the session's own audio connection takes the media over (it carries it across transports and
 * routers); {@link #listenTo} attaches there too, again handing over what it queued in between.
 */
final class TimedJoin implements ConnectionListener {

    private final long t0;
    private final Map<Phase, Long> started = new EnumMap<>(Phase.class);
    private final Map<Phase, Long> ended = new EnumMap<>(Phase.class);
    private final Map<Phase, String> failures = new EnumMap<>(Phase.class);
    private final Map<MediaType, Long> bound = new EnumMap<>(MediaType.class);
    private final Map<MediaType, MediaOutcome> outcomes = new EnumMap<>(MediaType.class);
    private final AtomicLong firstAudio = new AtomicLong();
    private final AtomicLong firstAudioOneWayMicros = new AtomicLong(-1);
    private final CountDownLatch firstAudioSeen = new CountDownLatch(1);

    TimedJoin(long t0) {
        this.t0 = t0;
    }

    @Override
    public void phaseStarted(Phase phase) {
        started.put(phase, System.nanoTime());
    }

    @Override
    public void phaseSucceeded(Phase phase, String detail) {
        ended.put(phase, System.nanoTime());
    }

    @Override
    public void phaseFailed(Phase phase, String reason) {
        ended.put(phase, System.nanoTime());
        failures.put(phase, reason);
    }

    @Override
    public void mediaConnected(MediaOutcome outcome) {
        long now = System.nanoTime();
        outcomes.put(outcome.mediaType(), outcome);
        outcome.connection().ifPresent(connection -> {
            bound.put(outcome.mediaType(), now);
            if (outcome.mediaType() == MediaType.AUDIO) {
                connection.deliverTo(this::audioPacket);
            }
        });
    }

    /** Keeps listening on the session's audio connection, which delivers from whichever connection carries audio. */
    void listenTo(MeetingSession session) {
        session.media(MediaType.AUDIO).ifPresent(m -> m.deliverTo(this::audioPacket));
    }

    /** On the connection's reader thread; only the peer's test packets count (never RTCP or consent traffic). */
    private void audioPacket(byte[] packet) {
        long now = System.nanoTime();
        TestPacket.parse(packet).ifPresent(p -> {
            if (firstAudio.compareAndSet(0, now)) {
                firstAudioOneWayMicros.set(WallClock.micros() - p.sentMicros());
                firstAudioSeen.countDown();
            }
        });
    }

    boolean awaitFirstAudio(long millis) throws InterruptedException {
        return firstAudioSeen.await(millis, TimeUnit.MILLISECONDS);
    }

    JsonObject toJson(String label, long joinReturned, String error) {
        JsonObjectBuilder phases = Json.createObjectBuilder();
        for (Map.Entry<Phase, Long> e : started.entrySet()) {
            Long end = ended.get(e.getKey());
            if (end != null && !failures.containsKey(e.getKey())) {
                phases.add(key(e.getKey()), ms(end - e.getValue()));
            }
        }
        JsonObjectBuilder failed = Json.createObjectBuilder();
        failures.forEach((phase, reason) -> failed.add(key(phase), reason));
        JsonObjectBuilder media = Json.createObjectBuilder();
        for (MediaOutcome outcome : outcomes.values()) {
            JsonArrayBuilder attempts = Json.createArrayBuilder();
            for (MediaAttempt a : outcome.attempts()) {
                attempts.add(Json.createObjectBuilder().add("transport", a.transport().name())
                        .add("ms", a.took().toNanos() / 1e6).add("failure", a.failure().orElse("")));
            }
            Long at = bound.get(outcome.mediaType());
            media.add(outcome.mediaType().name().toLowerCase(Locale.ROOT),
                    Json.createObjectBuilder()
                            .add("transport", outcome.connection().map(c -> c.transport().name()).orElse("none"))
                            .add("boundAtMs", at == null ? -1 : ms(at - t0)).add("attempts", attempts));
        }
        long first = firstAudio.get();
        Long audioBound = bound.get(MediaType.AUDIO);
        boolean ok = error.isEmpty() && first != 0;
        return Json.createObjectBuilder().add("event", "join").add("label", label).add("ok", ok)
                .add("error", error.isEmpty() && first == 0 ? "no audio packet from the peer" : error)
                .add("phases", phases).add("failures", failed).add("media", media)
                .add("joinReturnedMs", joinReturned == 0 ? -1 : ms(joinReturned - t0))
                .add("audioBoundMs", audioBound == null ? -1 : ms(audioBound - t0))
                .add("firstAudioMs", first == 0 ? -1 : ms(first - t0))
                .add("waitAfterAudioBoundMs", first == 0 || audioBound == null ? -1 : ms(first - audioBound))
                .add("firstAudioOneWayMs", firstAudioOneWayMicros.get() / 1e3).build();
    }

    private static String key(Phase phase) {
        return phase.name().toLowerCase(Locale.ROOT);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
