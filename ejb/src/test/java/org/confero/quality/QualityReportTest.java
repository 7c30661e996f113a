package org.confero.quality;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;

import org.confero.protocol.media.MediaType;
import org.junit.jupiter.api.Test;

/** Issue 22: a client's quality report and join phases are checked whole; anything out of range refuses them. */
class QualityReportTest {

    @Test
    void aWellFormedReportIsKeptWithAbsentValuesAsNaN() {
        QualityReport report = QualityReport.parse(json("""
                {"type":"quality","client":"web","media":{"audio":{"loss":0.02,"jitterMs":4.5,"rttMs":31},
                 "video":{"rttMs":40}}}""")).orElseThrow();
        assertThat(report.clientKind()).isEqualTo("web");
        assertThat(report.media().get(MediaType.AUDIO)).isEqualTo(new QualityReport.MediaQuality(0.02, 4.5, 31));
        assertThat(report.media().get(MediaType.VIDEO).loss()).isNaN();
        assertThat(report.media()).doesNotContainKey(MediaType.CONTENT);
    }

    @Test
    void outOfRangeUnknownOrMistypedValuesRefuseTheReport() {
        assertThat(QualityReport.parse(json("{\"client\":\"java\",\"media\":{\"audio\":{\"loss\":1.5}}}"))).isEmpty();
        assertThat(QualityReport.parse(json("{\"client\":\"java\",\"media\":{\"audio\":{\"rttMs\":-1}}}"))).isEmpty();
        assertThat(QualityReport.parse(json("{\"client\":\"java\",\"media\":{\"audio\":{\"jitterMs\":\"4\"}}}")))
                .isEmpty();
        assertThat(QualityReport.parse(json("{\"client\":\"java\",\"media\":{\"screen\":{\"loss\":0}}}"))).isEmpty();
        assertThat(QualityReport.parse(json("{\"client\":\"evil\",\"media\":{}}"))).as("unknown client kind").isEmpty();
        assertThat(QualityReport.parse(json("{\"client\":\"java\"}"))).isEmpty();
    }

    @Test
    void joinPhasesTakeKnownPhasesInSecondsOnly() {
        assertThat(JoinPhases.parse(json("{\"client\":\"cli\",\"phases\":{\"lookup\":0.1,\"total\":1.5}}")))
                .hasValueSatisfying(p -> assertThat(p.seconds()).containsEntry("total", 1.5));
        assertThat(JoinPhases.parse(json("{\"client\":\"cli\",\"phases\":{\"made-up\":0.1}}"))).isEmpty();
        assertThat(JoinPhases.parse(json("{\"client\":\"cli\",\"phases\":{\"total\":9999}}"))).isEmpty();
    }

    static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
