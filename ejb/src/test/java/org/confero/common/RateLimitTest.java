package org.confero.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RateLimitTest {

    private final Instant t0 = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void allowsTheLimitPerWindowAndSaysHowLongToWait() {
        RateLimit limit = new RateLimit(3, Duration.ofMinutes(1), 100);
        assertThat(limit.acquire("10.0.0.1", t0)).isEmpty();
        assertThat(limit.acquire("10.0.0.1", t0.plusSeconds(10))).isEmpty();
        assertThat(limit.acquire("10.0.0.1", t0.plusSeconds(20))).isEmpty();
        assertThat(limit.acquire("10.0.0.1", t0.plusSeconds(30))).contains(Duration.ofSeconds(30));
        assertThat(limit.acquire("10.0.0.2", t0.plusSeconds(30))).as("other addresses are not affected").isEmpty();
        assertThat(limit.acquire("10.0.0.1", t0.plusSeconds(61))).as("the first event left the window").isEmpty();
    }

    @Test
    void refusedEventsDoNotCountAndMemoryStaysBounded() {
        RateLimit limit = new RateLimit(1, Duration.ofSeconds(10), 50);
        limit.acquire("a", t0);
        for (int i = 0; i < 100; i++) {
            assertThat(limit.acquire("a", t0.plusSeconds(1))).isPresent();
        }
        assertThat(limit.acquire("a", t0.plusSeconds(11))).isEmpty();
        for (int i = 0; i < 10_000; i++) {
            limit.acquire("client-" + i, t0.plusSeconds(20));
        }
        assertThat(limit.acquire("late", t0.plusSeconds(21))).isEmpty();
        assertThatThrownBy(() -> new RateLimit(0, Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
