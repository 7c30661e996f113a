package org.confero.client.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ZoneChoiceTest {

    @Test
    void scoreIsMedianPlusTwiceJitterPlusLoss() {
        ProbeResult result = new ProbeResult("z", 1, true, "https://zc/api/v1/zc", List.of(10.0, 14.0, 12.0, 16.0), 5);

        assertThat(result.medianRttMillis()).isEqualTo(13.0);
        // |14-10| + |12-14| + |16-12| = 10 over 3 differences
        assertThat(result.jitterMillis()).isCloseTo(10.0 / 3, within(1e-9));
        assertThat(result.loss()).isEqualTo(0.2);
        assertThat(result.score()).isCloseTo(13 + 20.0 / 3 + 200, within(1e-9));
    }

    @Test
    void aControllerThatNeverAnsweredIsNotChosen() {
        ProbeResult silent = new ProbeResult("near", 1, true, "https://near", List.of(), 5);
        ProbeResult far = new ProbeResult("far", 2, true, "https://far", List.of(80.0, 81.0, 80.0, 82.0, 80.0), 5);

        assertThat(silent.score()).isInfinite();
        assertThat(ZoneChoice.ranked(List.of(silent, far))).extracting(ProbeResult::zoneId).containsExactly("far");
    }

    @Test
    void lossWeighsMoreThanDistance() {
        ProbeResult lossyNear = new ProbeResult("near", 1, true, "https://near", List.of(5.0, 5.0, 5.0), 5);
        ProbeResult cleanFar = new ProbeResult("far", 2, true, "https://far",
                List.of(120.0, 121.0, 120.0, 122.0, 120.0), 5);

        assertThat(ZoneChoice.ranked(List.of(lossyNear, cleanFar))).extracting(ProbeResult::zoneId)
                .containsExactly("far", "near");
    }

    @Test
    void availableZonesComeFirstAndTiesGoToTheLookupsRank() {
        ProbeResult fullButFast = new ProbeResult("full", 1, false, "https://full", List.of(1.0, 1.0), 2);
        ProbeResult second = new ProbeResult("b", 3, true, "https://b", List.of(20.0, 20.0), 2);
        ProbeResult first = new ProbeResult("a", 2, true, "https://a", List.of(20.0, 20.0), 2);

        assertThat(ZoneChoice.ranked(List.of(fullButFast, second, first))).extracting(ProbeResult::zoneId)
                .containsExactly("a", "b", "full");
    }
}
