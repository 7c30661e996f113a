package org.confero.cli.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DelayHistogramTest {

    @Test
    void bucketsCoverEveryValueWithinThreePercent() {
        for (long v = 0; v < 50_000_000L; v = v < 100 ? v + 1 : v + v / 7) {
            int i = DelayHistogram.index(v);
            long upper = DelayHistogram.upperBound(i);
            assertThat(upper).isGreaterThanOrEqualTo(v);
            assertThat(upper - v).isLessThanOrEqualTo(Math.max(0, v / 32));
            if (i > 0) {
                assertThat(DelayHistogram.upperBound(i - 1)).isLessThan(v);
            }
        }
    }

    @Test
    void percentilesOfAKnownDistribution() {
        DelayHistogram h = new DelayHistogram();
        for (int ms = 1; ms <= 100; ms++) {
            h.record(ms * 1000L);
        }
        assertThat(h.percentileMillis(0.5)).isBetween(50.0, 51.6);
        assertThat(h.percentileMillis(0.99)).isBetween(99.0, 102.1);
        assertThat(h.maxMillis()).isEqualTo(100.0);
        assertThat(new DelayHistogram().percentileMillis(0.5)).isNaN();
    }
}
