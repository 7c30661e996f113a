package org.confero.client.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class HeadStartTest {

    @Test
    void twoRoundTripsAndAMarginBetweenTheFloorAndTheCeiling() {
        assertThat(HeadStart.fromRoundTrip(0.3)).isEqualTo(HeadStart.FLOOR);
        assertThat(HeadStart.fromRoundTrip(80)).isEqualTo(Duration.ofMillis(310));
        assertThat(HeadStart.fromRoundTrip(900)).isEqualTo(HeadStart.CEILING);
    }

    @Test
    void nothingMeasuredMeansTheDefault() {
        assertThat(HeadStart.fromRoundTrip(Double.POSITIVE_INFINITY)).isEqualTo(MediaConnector.DEFAULT_HEAD_START);
        assertThat(HeadStart.fromRoundTrip(Double.NaN)).isEqualTo(MediaConnector.DEFAULT_HEAD_START);
    }
}
