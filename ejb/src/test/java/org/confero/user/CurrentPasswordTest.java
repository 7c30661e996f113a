package org.confero.user;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.confero.security.SecretHasher;
import org.junit.jupiter.api.Test;

/** A user's own password change needs the current password: missing is invalid, wrong is forbidden. */
class CurrentPasswordTest {

    private final User user = new User("hana", "Hana", null, Role.HOST,
            new SecretHasher(1).hash("correct horse battery".toCharArray()), Instant.parse("2026-12-01T12:00:00Z"));

    @Test
    void theRightCurrentPasswordLetsTheChangeGoAhead() {
        assertThatCode(() -> Users.requireCurrentPassword(user, "correct horse battery")).doesNotThrowAnyException();
    }

    @Test
    void aMissingCurrentPasswordIsInvalid() {
        assertThatThrownBy(() -> Users.requireCurrentPassword(user, null)).isInstanceOfSatisfying(DomainException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.type()).isEqualTo(ProblemType.INVALID_REQUEST));
        assertThatThrownBy(() -> Users.requireCurrentPassword(user, "")).isInstanceOf(DomainException.class);
    }

    @Test
    void aWrongCurrentPasswordIsForbidden() {
        assertThatThrownBy(() -> Users.requireCurrentPassword(user, "correct horse battery!")).isInstanceOfSatisfying(
                DomainException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.type()).isEqualTo(ProblemType.FORBIDDEN));
    }
}
