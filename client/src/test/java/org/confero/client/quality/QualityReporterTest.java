package org.confero.client.quality;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.confero.client.media.MediaConnection;
import org.confero.client.media.Transport;
import org.confero.protocol.media.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 22: what the client library tells its router about the call, and when. */
@Timeout(30)
class QualityReporterTest {

    final List<JsonObject> sent = new CopyOnWriteArrayList<>();
    final Map<MediaType, Path> paths = new EnumMap<>(MediaType.class);

    /** A media connection whose path answers its probes after {@code rttMillis}. */
    static final class Path implements MediaConnection {
        final AtomicInteger probes = new AtomicInteger();
        final double rttMillis;

        Path(double rttMillis) {
            this.rttMillis = rttMillis;
        }

        @Override
        public void probeRoundTrip() {
            probes.incrementAndGet();
        }

        @Override
        public OptionalDouble roundTripMillis() {
            return probes.get() == 0 ? OptionalDouble.empty() : OptionalDouble.of(rttMillis);
        }

        @Override
        public Transport transport() {
            return Transport.UDP;
        }

        @Override
        public void send(byte[] rtp) throws IOException {
        }

        @Override
        public Optional<byte[]> receive(Duration timeout) {
            return Optional.empty();
        }

        @Override
        public void deliverTo(Consumer<byte[]> receiver) {
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    QualityReporter reporter(String kind, Duration interval) {
        return new QualityReporter(sent::add, type -> Optional.ofNullable(paths.get(type)), kind, interval);
    }

    @Test
    void eachMediaTypeReportsTheRoundTripOfItsOwnConnection() throws Exception {
        Path audio = new Path(12.5);
        Path video = new Path(40.0);
        paths.put(MediaType.AUDIO, audio);
        paths.put(MediaType.VIDEO, video);
        try (QualityReporter reporter = reporter("cli", Duration.ofHours(1))) {
            awaitProbed(audio);
            awaitProbed(video);
            reporter.receiving(MediaType.AUDIO).received(ReceiveQualityTest.rtp(1, 0), 0);
            reporter.receiving(MediaType.AUDIO).received(ReceiveQualityTest.rtp(2, 960), 20_000_000);
            JsonObject report = reporter.nextReport();
            assertThat(report.getString("type")).isEqualTo("quality");
            assertThat(report.getString("client")).isEqualTo("cli");
            JsonObject media = report.getJsonObject("media");
            assertThat(media.getJsonObject("audio").getJsonNumber("loss").doubleValue()).isZero();
            assertThat(media.getJsonObject("audio").getJsonNumber("rttMs").doubleValue()).isEqualTo(12.5);
            assertThat(media.getJsonObject("video").getJsonNumber("rttMs").doubleValue()).isEqualTo(40.0);
            assertThat(media.getJsonObject("video").containsKey("jitterMs"))
                    .as("nothing received on video: its round trip only").isFalse();
            assertThat(media.containsKey("content")).as("no content connection, nothing measured").isFalse();
            assertThat(sent).extracting(m -> m.getString("type")).as("no control-channel ping").doesNotContain("ping");
        }
    }

    @Test
    void joinPhasesGoOutOnceAsTheyWereTimed() throws Exception {
        try (QualityReporter reporter = reporter("java", Duration.ofHours(1))) {
            reporter.joinCompleted(Map.of("lookup", 0.25));
            JsonObject phases = sent.stream().filter(m -> m.getString("type").equals("join-phases")).findFirst()
                    .orElseThrow();
            assertThat(phases.getJsonObject("phases").getJsonNumber("lookup").doubleValue()).isEqualTo(0.25);
        }
    }

    @Test
    void reportsFollowTheIntervalAndProbeEachTime() throws Exception {
        Path audio = new Path(3.0);
        paths.put(MediaType.AUDIO, audio);
        try (QualityReporter reporter = reporter("java", Duration.ofMillis(200))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sent.stream().filter(m -> "quality".equals(m.getString("type"))).count() < 2
                    && System.nanoTime() < deadline) {
                Thread.sleep(20); // the reporter's own thread sends; the condition is re-checked
            }
            assertThat(sent.stream().filter(m -> "quality".equals(m.getString("type"))).count())
                    .isGreaterThanOrEqualTo(2);
            assertThat(audio.probes.get()).isGreaterThanOrEqualTo(2);
        }
    }

    private static void awaitProbed(Path path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (path.probes.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20); // the reporter's first probe goes on its own thread; re-checked
        }
        assertThat(path.probes.get()).isPositive();
    }
}
