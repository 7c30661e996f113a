package org.confero.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class PasscodeAttemptsTest {

    private Instant now = Instant.parse("2026-11-21T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final PasscodeAttempts attempts = new PasscodeAttempts(3, 5, Duration.ofMinutes(5), clock);

    @Test
    void aClientIsBlockedAfterItsFailuresUntilTheWindowPasses() {
        for (int i = 0; i < 3; i++) {
            assertThat(attempts.blocked("m", "10.0.0.1")).isEmpty();
            attempts.failed("m", "10.0.0.1");
        }

        assertThat(attempts.blocked("m", "10.0.0.1"))
                .hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6)));
        assertThat(attempts.blocked("m", "10.0.0.2")).as("other clients are not blocked yet").isEmpty();
        assertThat(attempts.blocked("other", "10.0.0.1")).as("other meetings are not blocked").isEmpty();

        now = now.plus(Duration.ofMinutes(5));
        assertThat(attempts.blocked("m", "10.0.0.1")).isEmpty();
    }

    @Test
    void guessingSpreadOverAddressesHitsTheMeetingLimit() {
        for (int i = 0; i < 5; i++) {
            attempts.failed("m", "10.0.0." + i);
        }

        assertThat(attempts.blocked("m", "10.0.9.9")).isPresent();
    }

    @Test
    void aRightPasscodeClearsTheClientsOwnFailures() {
        attempts.failed("m", "10.0.0.1");
        attempts.failed("m", "10.0.0.1");
        attempts.succeeded("m", "10.0.0.1");
        attempts.failed("m", "10.0.0.1");

        assertThat(attempts.blocked("m", "10.0.0.1")).isEmpty();
    }
}
