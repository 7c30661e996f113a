package org.confero.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.junit.jupiter.api.Test;

class TokenLifetimeTest {

    private final Instant now = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void withoutAnExpiryATokenGetsTheMaximum() {
        assertThat(TokenLifetime.expiry(now, null, 90, Optional.empty())).isEqualTo(now.plus(Duration.ofDays(90)));
    }

    @Test
    void askingForMoreThanTheMaximumIsInvalid() {
        assertThatThrownBy(() -> TokenLifetime.expiry(now, 91, 90, Optional.empty())).isInstanceOfSatisfying(
                DomainException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.INVALID_REQUEST));
        assertThatThrownBy(() -> TokenLifetime.expiry(now, 0, 90, Optional.empty()))
                .isInstanceOf(DomainException.class);
        assertThat(TokenLifetime.expiry(now, 30, 90, Optional.empty())).isEqualTo(now.plus(Duration.ofDays(30)));
    }

    @Test
    void aTokenMintsNoTokenThatOutlivesIt() {
        Optional<Instant> caller = Optional.of(now.plus(Duration.ofDays(10)));

        assertThat(TokenLifetime.expiry(now, null, 90, caller)).as("the default is capped at the caller's expiry")
                .isEqualTo(caller.get());
        assertThat(TokenLifetime.expiry(now, 5, 90, caller)).isEqualTo(now.plus(Duration.ofDays(5)));
        assertThatThrownBy(() -> TokenLifetime.expiry(now, 11, 90, caller)).isInstanceOfSatisfying(
                DomainException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.FORBIDDEN));
    }

    @Test
    void anExpiredCallingTokenMintsNothing() {
        assertThatThrownBy(() -> TokenLifetime.expiry(now, null, 90, Optional.of(now))).isInstanceOfSatisfying(
                DomainException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.FORBIDDEN));
    }
}
