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

    @Test
    void keysWhoseWindowHasPassedAreForgotten() {
        RateLimit limit = new RateLimit(5, Duration.ofMinutes(1), 100_000);
        for (int i = 0; i < 1000; i++) {
            limit.acquire("10.1." + (i / 250) + "." + (i % 250), t0.plusMillis(i));
        }
        assertThat(limit.keys()).isEqualTo(1000);
        limit.acquire("10.9.9.9", t0.plusSeconds(30));
        assertThat(limit.keys()).as("all still inside their window").isEqualTo(1001);

        limit.acquire("10.9.9.9", t0.plusSeconds(62));
        assertThat(limit.keys()).as("only the key active in the last minute is left").isEqualTo(1);
    }

    @Test
    void pastMaxKeysTheLeastRecentlyUsedKeyGoes() {
        RateLimit limit = new RateLimit(1, Duration.ofMinutes(1), 3);
        limit.acquire("a", t0);
        limit.acquire("b", t0.plusSeconds(1));
        limit.acquire("c", t0.plusSeconds(2));
        assertThat(limit.acquire("a", t0.plusSeconds(3))).as("a is over its limit, and now the most recent key")
                .isPresent();
        limit.acquire("d", t0.plusSeconds(4));

        assertThat(limit.keys()).isEqualTo(3);
        assertThat(limit.acquire("a", t0.plusSeconds(5))).as("a is still remembered").isPresent();
        assertThat(limit.acquire("b", t0.plusSeconds(5))).as("b, the least recently used, was forgotten").isEmpty();
    }
}
