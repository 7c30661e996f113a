package org.confero.client.quality;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.confero.client.control.ControlListener;
import org.confero.protocol.media.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 22: what the client library tells its router about the call, and when. */
@Timeout(30)
class QualityReporterTest {

    final List<JsonObject> sent = new CopyOnWriteArrayList<>();
    final List<JsonObject> passedOn = new CopyOnWriteArrayList<>();
    final RoundTrips roundTrips = new RoundTrips(new ControlListener() {
        @Override
        public void onMessage(JsonObject message) {
            passedOn.add(message);
        }
    });

    @Test
    void aPingsPongGivesTheRoundTripAndEveryMessageReachesTheApplication() throws Exception {
        try (QualityReporter reporter = new QualityReporter(sent::add, roundTrips, "cli", Duration.ofHours(1))) {
            awaitSent("ping");
            roundTrips.onMessage(Json.createObjectBuilder().add("type", "pong").build());
            assertThat(roundTrips.lastMillis()).isPresent();
            assertThat(passedOn).extracting(m -> m.getString("type")).containsExactly("pong");

            reporter.receiving(MediaType.AUDIO).received(ReceiveQualityTest.rtp(1, 0), 0);
            reporter.receiving(MediaType.AUDIO).received(ReceiveQualityTest.rtp(2, 960), 20_000_000);
            JsonObject report = reporter.nextReport();
            assertThat(report.getString("type")).isEqualTo("quality");
            assertThat(report.getString("client")).isEqualTo("cli");
            JsonObject audio = report.getJsonObject("media").getJsonObject("audio");
            assertThat(audio.getJsonNumber("loss").doubleValue()).isZero();
            assertThat(audio.getJsonNumber("rttMs").doubleValue()).isGreaterThanOrEqualTo(0);
            assertThat(report.getJsonObject("media").getJsonObject("video").containsKey("jitterMs"))
                    .as("nothing received on video: its round trip only").isFalse();
        }
    }

    @Test
    void joinPhasesGoOutOnceAsTheyWereTimed() throws Exception {
        try (QualityReporter reporter = new QualityReporter(sent::add, roundTrips, "java", Duration.ofHours(1))) {
            reporter.joinCompleted(Map.of("lookup", 0.25));
            JsonObject phases = sent.stream().filter(m -> m.getString("type").equals("join-phases")).findFirst()
                    .orElseThrow();
            assertThat(phases.getJsonObject("phases").getJsonNumber("lookup").doubleValue()).isEqualTo(0.25);
        }
    }

    @Test
    void reportsFollowTheInterval() throws Exception {
        roundTrips.onMessage(Json.createObjectBuilder().add("type", "hello").build());
        try (QualityReporter reporter = new QualityReporter(message -> {
            sent.add(message);
            if ("ping".equals(message.getString("type"))) {
                roundTrips.onMessage(Json.createObjectBuilder().add("type", "pong").build());
            }
        }, roundTrips, "java", Duration.ofMillis(200))) {
            awaitSent("quality");
        }
    }

    private void awaitSent(String type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sent.stream().noneMatch(m -> type.equals(m.getString("type"))) && System.nanoTime() < deadline) {
            Thread.sleep(20); // the reporter's own thread sends; the condition is re-checked
        }
        assertThat(sent).extracting(m -> m.getString("type")).contains(type);
    }
}
