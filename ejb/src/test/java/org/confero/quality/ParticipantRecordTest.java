package org.confero.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.confero.protocol.rest.ParticipantsView.MediaQualityView;
import org.confero.protocol.rest.ParticipantsView.ParticipantView;
import org.junit.jupiter.api.Test;

/** Issue 22: a router's row of the participants view survives the replicated cache unchanged. */
class ParticipantRecordTest {

    static ParticipantView view(String id, String router) {
        Map<String, MediaQualityView> media = new LinkedHashMap<>();
        media.put("audio", new MediaQualityView("tunnel", 0.01, 4.5, 31.25));
        media.put("video", new MediaQualityView("udp", null, null, 12.0));
        media.put("content", new MediaQualityView("none", null, null, null));
        return new ParticipantView(id, "Zoë \"Z\"", router, "eu", "java", "tunnel", media,
                Instant.parse("2026-12-04T08:00:01.5Z"));
    }

    @Test
    void aRowRoundTrips() {
        ParticipantView row = view("p-1", "mmr-2");
        ParticipantRecord record = new ParticipantRecord("m1", row, Instant.parse("2026-12-04T08:00:02Z"));
        assertThat(ParticipantRecord.decode(record.encode())).hasValue(record);
    }

    @Test
    void aRowWithoutAReportRoundTrips() {
        ParticipantView row = new ParticipantView("p-2", "Al", "mmr-1", "default", "unknown", "none",
                Map.of("audio", new MediaQualityView("none", null, null, null)), null);
        ParticipantRecord record = new ParticipantRecord("m1", row, Instant.parse("2026-12-04T08:00:02Z"));
        assertThat(ParticipantRecord.decode(record.encode())).hasValue(record);
    }

    @Test
    void theKeyIsTheMeetingAndTheRoutersParticipantId() {
        assertThat(new ParticipantRecord("m1", view("p-1", "mmr-2"), Instant.EPOCH).key())
                .isEqualTo(ParticipantRecord.key("m1", "p-1")).startsWith(ParticipantRecord.prefix("m1"));
        assertThat(ParticipantRecord.key("m10", "p-1")).doesNotStartWith(ParticipantRecord.prefix("m1"));
    }

    @Test
    void unreadableRecordsAreSkipped() {
        assertThat(ParticipantRecord.decode("not json")).isEmpty();
        assertThat(ParticipantRecord.decode("{\"meetingId\":\"m1\"}")).isEmpty();
        assertThat(ParticipantRecord.decode("[]")).isEmpty();
    }
}
