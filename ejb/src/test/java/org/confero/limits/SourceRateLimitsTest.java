package org.confero.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SourceRateLimitsTest {

    private final Instant t0 = Instant.parse("2026-11-21T10:00:00Z");
    private final SourceRateLimits limits = new SourceRateLimits();
    private InetAddress client;
    private InetAddress other;

    @BeforeEach
    void setUp() throws Exception {
        limits.config = MapConfig.of(Map.of("confero.limits.lookups.per.minute", "3"));
        limits.refusals = new Refusals();
        limits.clock = Clock.fixed(t0, ZoneOffset.UTC);
        limits.init();
        client = InetAddress.getByName("198.51.100.7");
        other = InetAddress.getByName("198.51.100.8");
    }

    @Test
    void theRequestOverTheLimitIsRefusedWithWhenToRetryAndCounted() {
        for (int i = 0; i < 3; i++) {
            limits.acquire(Limit.LOOKUPS, client);
        }
        assertThatThrownBy(() -> limits.acquire(Limit.LOOKUPS, client)).isInstanceOfSatisfying(DomainException.class,
                e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.TOO_MANY_ATTEMPTS);
                    assertThat(e.retryAfter()).contains(Duration.ofMinutes(1));
                    assertThat(e.detail())
                            .isEqualTo("at most 3 meeting lookups per source address and minute; try again in 60 s");
                });
        assertThat(limits.refusals.count(Limit.LOOKUPS)).isEqualTo(1);

        limits.acquire(Limit.LOOKUPS, other);
        limits.acquire(Limit.ASSIGNS, client);
        assertThat(limits.refusals.count(Limit.ASSIGNS)).as("other addresses and other limits are apart").isZero();
    }

    @Test
    void aSourceMayGoOnOnceItsWindowHasPassedAndIsThenForgotten() {
        for (int i = 0; i < 3; i++) {
            limits.acquire(Limit.LOOKUPS, client);
        }
        limits.clock = Clock.fixed(t0.plusSeconds(61), ZoneOffset.UTC);
        limits.acquire(Limit.LOOKUPS, other);
        assertThat(limits.sources(Limit.LOOKUPS)).as("the quiet client left with its window").isEqualTo(1);
        limits.acquire(Limit.LOOKUPS, client);
    }

    @Test
    void onlyRateLimitsArePerSource() {
        assertThatThrownBy(() -> limits.acquire(Limit.JOIN_DEADLINE, client))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
