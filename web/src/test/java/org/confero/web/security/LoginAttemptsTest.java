package org.confero.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LoginAttemptsTest {

    private static final Duration WINDOW = Duration.ofSeconds(900);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private LoginAttempts attempts(int perSource, int perAccount, int maxKeys) {
        return new LoginAttempts(perSource, perAccount, WINDOW, now::get, maxKeys, maxKeys, maxKeys);
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void anAddressPastItsFailuresIsRefusedForEveryAccountUntilTheOldestLeavesTheWindow() {
        LoginAttempts attempts = attempts(10, 100, 1000);
        for (int i = 0; i < 10; i++) {
            assertThat(attempts.refusal("198.51.100.1", "admin")).isEmpty();
            attempts.failed("198.51.100.1", "admin");
            advance(Duration.ofSeconds(10));
        }
        assertThat(attempts.refusal("198.51.100.1", "admin")).hasValue(WINDOW.minusSeconds(100));
        assertThat(attempts.refusal("198.51.100.1", "bob")).isPresent();
        assertThat(attempts.refusal("198.51.100.1", null)).isPresent();
        assertThat(attempts.refusal("198.51.100.2", "admin")).isEmpty();
        advance(WINDOW.minusSeconds(100));
        assertThat(attempts.refusal("198.51.100.1", "admin")).isEmpty();
    }

    @Test
    void theAccountCeilingRefusesOnlyAddressesThatFailedForIt() {
        LoginAttempts attempts = attempts(10, 20, 1000);
        for (int source = 0; source < 20; source++) {
            attempts.failed("198.51.100." + source, "admin");
        }
        // Every address that guessed is refused for admin, and only for admin …
        assertThat(attempts.refusal("198.51.100.3", "admin")).isPresent();
        assertThat(attempts.refusal("198.51.100.3", "bob")).isEmpty();
        // … while an address that never failed for admin still gets its login checked.
        assertThat(attempts.refusal("203.0.113.7", "admin")).isEmpty();
        attempts.failed("203.0.113.7", "bob");
        assertThat(attempts.refusal("203.0.113.7", "admin")).isEmpty();
    }

    @Test
    void aSuccessClearsTheAddressForThatAccountButNotItsFailuresAsASource() {
        LoginAttempts attempts = attempts(3, 1, 1000);
        attempts.failed("198.51.100.1", "admin");
        assertThat(attempts.refusal("198.51.100.1", "admin")).isPresent();
        attempts.succeeded("198.51.100.1", "admin");
        assertThat(attempts.refusal("198.51.100.1", "admin")).isEmpty();

        attempts.failed("198.51.100.9", "mallory");
        attempts.failed("198.51.100.9", "admin");
        attempts.succeeded("198.51.100.9", "mallory");
        attempts.failed("198.51.100.9", "admin");
        assertThat(attempts.refusal("198.51.100.9", "mallory")).isPresent();
    }

    @Test
    void memoryIsBoundedAndIdleEntriesAreForgotten() {
        LoginAttempts attempts = attempts(10, 100, 500);
        for (int i = 0; i < 5_000; i++) {
            attempts.failed("10.0." + (i / 250) + "." + (i % 250), "user" + i);
        }
        assertThat(attempts.heldKeys()).isEqualTo(1000);
        advance(WINDOW);
        attempts.forgetExpired();
        assertThat(attempts.heldKeys()).isZero();
    }

    @Test
    void idleEntriesGoWithoutAnExplicitSweep() {
        LoginAttempts attempts = attempts(10, 100, 100_000);
        for (int i = 0; i < 1_000; i++) {
            attempts.failed("10.1." + (i / 250) + "." + (i % 250), "user" + i);
        }
        advance(WINDOW);
        for (int i = 0; i < LoginAttempts.SWEEP_EVERY; i++) {
            attempts.failed("192.0.2.1", "admin");
        }
        assertThat(attempts.heldKeys()).isEqualTo(2);
    }

    @Test
    void failuresPerAddressAreCappedAtTheLimit() {
        LoginAttempts attempts = attempts(3, 100, 10);
        for (int i = 0; i < 1_000; i++) {
            attempts.failed("198.51.100.1", null);
        }
        advance(WINDOW.minusSeconds(1));
        assertThat(attempts.refusal("198.51.100.1", null)).hasValue(Duration.ofSeconds(1));
    }

    @Test
    void limitsBelowOneAreRefused() {
        assertThatThrownBy(() -> new LoginAttempts(0, 1, WINDOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginAttempts(1, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void credentialsNameTheBasicUserAndNoAccountForTokens() {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:se:cret".getBytes());
        assertThat(CredentialGate.Credentials.of(basic)).hasValue(new CredentialGate.Credentials("admin"));
        assertThat(CredentialGate.Credentials.of("bAsIc !!!")).hasValue(new CredentialGate.Credentials(""));
        assertThat(CredentialGate.Credentials.of("Bearer cft_x.y")).hasValue(new CredentialGate.Credentials(null));
        assertThat(CredentialGate.Credentials.of("Negotiate abc")).isEmpty();
        assertThat(CredentialGate.Credentials.of(null)).isEmpty();
    }
}
