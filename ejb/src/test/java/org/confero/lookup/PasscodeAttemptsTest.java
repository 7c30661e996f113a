package org.confero.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
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
    void aSourceIsBlockedAfterItsFailuresUntilTheWindowPasses() {
        for (int i = 0; i < 3; i++) {
            assertThat(attempts.blocked("m", "10.0.0.1")).isEmpty();
            attempts.failed("m", "10.0.0.1");
        }

        assertThat(attempts.blocked("m", "10.0.0.1"))
                .hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6)));
        assertThat(attempts.blocked("m", "10.0.0.2")).as("other sources are not blocked").isEmpty();
        assertThat(attempts.blocked("other", "10.0.0.1")).as("other meetings are not blocked").isEmpty();

        now = now.plus(Duration.ofMinutes(5));
        assertThat(attempts.blocked("m", "10.0.0.1")).isEmpty();
    }

    @Test
    void guessingSpreadOverAddressesNeverBlocksAFreshAddress() {
        for (int i = 0; i < 60; i++) {
            attempts.failed("m", "10.0.1." + i);
        }

        assertThat(attempts.blocked("m", "10.0.9.9")).as("a fresh address always has its passcode checked").isEmpty();
    }

    @Test
    void pastTheMeetingCeilingEverySourceGetsOneGuessPerWindow() {
        attempts.failed("m", "10.0.0.1");
        assertThat(attempts.blocked("m", "10.0.0.1")).as("below the ceiling: the source's own limit").isEmpty();
        for (int i = 0; i < 5; i++) {
            attempts.failed("m", "10.0.1." + i);
        }

        assertThat(attempts.blocked("m", "10.0.0.1")).as("one wrong passcode is all a source gets now").isPresent();
        assertThat(attempts.blocked("other", "10.0.0.1")).as("other meetings keep their own ceiling").isEmpty();

        now = now.plus(Duration.ofMinutes(5));
        assertThat(attempts.blocked("m", "10.0.0.1")).isEmpty();
    }

    @Test
    void aRightPasscodeClearsTheSourcesOwnFailures() {
        attempts.failed("m", "10.0.0.1");
        attempts.failed("m", "10.0.0.1");
        attempts.succeeded("m", "10.0.0.1");
        attempts.failed("m", "10.0.0.1");

        assertThat(attempts.blocked("m", "10.0.0.1")).isEmpty();
    }

    @Test
    void theMapsShrinkOnceTheWindowPasses() {
        for (int i = 0; i < 1000; i++) {
            attempts.failed("m" + (i % 10), "10.0." + (i / 250) + "." + (i % 250));
        }
        assertThat(attempts.keys()).isEqualTo(1000 + 10);

        now = now.plus(Duration.ofMinutes(5));
        attempts.failed("m0", "10.9.9.9");

        assertThat(attempts.keys()).as("only the last window's keys remain").isEqualTo(2);
    }

    @Test
    void theMapsNeverHoldMoreThanTheirKeys() {
        PasscodeAttempts small = new PasscodeAttempts(3, 5, Duration.ofMinutes(5), clock, 100);
        for (int i = 0; i < 10_000; i++) {
            small.failed("m" + (i % 500), "10.0." + (i / 250) + "." + (i % 250));
        }

        assertThat(small.keys()).isLessThanOrEqualTo(200);
    }

    @Test
    void anIpv6SourceIsItsSlash64() throws Exception {
        assertThat(PasscodeAttempts.sourceOf(InetAddress.getByName("2001:db8:1:2:aaaa::1")))
                .isEqualTo(PasscodeAttempts.sourceOf(InetAddress.getByName("2001:db8:1:2:bbbb::9")))
                .isNotEqualTo(PasscodeAttempts.sourceOf(InetAddress.getByName("2001:db8:1:3::1")));
        assertThat(PasscodeAttempts.sourceOf(InetAddress.getByName("192.0.2.7"))).isEqualTo("192.0.2.7");
    }
}
