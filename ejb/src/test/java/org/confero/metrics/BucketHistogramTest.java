package org.confero.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

class BucketHistogramTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void observationsCountInEveryBucketFromTheirsUpAndInTheTotal() {
        BucketHistogram histogram = new BucketHistogram(registry, "h", Tags.empty(), 1, 2, 5);
        histogram.observe(0.5);
        histogram.observe(2);
        histogram.observe(4);
        histogram.observe(100);

        assertThat(histogram.cumulative(0)).isEqualTo(1);
        assertThat(histogram.cumulative(1)).as("≤ 2: the bound is inclusive").isEqualTo(2);
        assertThat(histogram.cumulative(2)).isEqualTo(3);
        assertThat(histogram.count()).isEqualTo(4);
        assertThat(histogram.sum()).isEqualTo(106.5);
        assertThat(registry.get("h").tag("le", "+Inf").functionCounter().count()).isEqualTo(4);
        assertThat(registry.get("h").tag("le", "2.0").functionCounter().count()).isEqualTo(2);
    }

    @Test
    void negativeAndNonFiniteValuesAreIgnored() {
        BucketHistogram histogram = new BucketHistogram(registry, "h", Tags.empty(), 1);
        histogram.observe(-1);
        histogram.observe(Double.NaN);
        histogram.observe(Double.POSITIVE_INFINITY);
        assertThat(histogram.count()).isZero();
    }

    @Test
    void boundsMustAscend() {
        assertThatThrownBy(() -> new BucketHistogram(registry, "h", Tags.empty(), 2, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
