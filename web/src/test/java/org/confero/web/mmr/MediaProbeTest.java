package org.confero.web.mmr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 22: the media WebSocket's round-trip probe is answered cheaply, never larger, never faster than the rule. */
class MediaProbeTest {

    static final long MS = 1_000_000;

    @Test
    void aProbeIsRecognisedOnlyInItsExactShape() {
        assertThat(MediaProbe.probeId("{\"type\":\"probe\",\"id\":42}")).hasValue(42L);
        assertThat(MediaProbe.probeId("{\"type\":\"probe\",\"id\":9007199254740991}")).hasValue(MediaProbe.MAX_ID);
        assertThat(MediaProbe.probeId("{\"type\":\"probe\",\"id\":9007199254740992}")).isEmpty();
        assertThat(MediaProbe.probeId("{\"type\":\"probe\",\"id\":-1}")).isEmpty();
        assertThat(MediaProbe.probeId("{\"type\":\"probe\",\"id\":1.5}")).isEmpty();
        assertThat(MediaProbe.probeId("{\"type\":\"probe\",\"id\":\"1\"}")).isEmpty();
        assertThat(MediaProbe.probeId("{\"type\":\"probe\",\"id\":1,\"pad\":\"x\"}")).isEmpty();
        assertThat(MediaProbe.probeId("{\"type\":\"ping\",\"id\":1}")).isEmpty();
        assertThat(MediaProbe.probeId("{\"token\":\"t\",\"password\":\"p\"}")).isEmpty();
        assertThat(MediaProbe.probeId("not json")).isEmpty();
        assertThat(MediaProbe.probeId("[1]")).isEmpty();
    }

    @Test
    void theAnswerEchoesTheIdAndIsNeverLongerThanTheProbe() {
        String probe = "{\"type\":\"probe\",\"id\":42}";
        assertThat(new MediaProbe().answer(42, probe.length(), 0)).hasValue(probe);
        String spaced = "{ \"type\" : \"probe\", \"id\" : 42 }";
        assertThat(new MediaProbe().answer(42, spaced.length(), 0))
                .hasValueSatisfying(a -> assertThat(a.length()).isLessThanOrEqualTo(spaced.length()));
        assertThat(new MediaProbe().answer(42, probe.length() - 1, 0)).as("would be larger").isEmpty();
    }

    @Test
    void probesFasterThanTheMinimumIntervalAreIgnored() {
        MediaProbe probe = new MediaProbe();
        assertThat(probe.answer(1, 100, 1000 * MS)).isPresent();
        assertThat(probe.answer(2, 100, 1100 * MS)).isEmpty();
        assertThat(probe.answer(3, 100, 1000 * MS + MediaProbe.MIN_INTERVAL.toNanos())).isPresent();
    }
}
