package org.confero.web.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.confero.protocol.rest.UserRequest;
import org.confero.web.rest.AuthenticatedCaller;
import org.junit.jupiter.api.Test;

/** A bearer token never changes a password; HTTP Basic may, and a token may change everything else. */
class UsersResourceTest {

    private static final UserRequest NEW_PASSWORD = new UserRequest(null, null, null, null, "a brand new password",
            null, "the current password");
    private static final UserRequest NEW_NAME = new UserRequest(null, "Hana", null, null, null, null, null);

    @Test
    void aTokenCannotChangeAPassword() {
        AuthenticatedCaller token = AuthenticatedCaller.token("hana", Set.of("host"), "abc123");

        assertThatThrownBy(() -> UsersResource.refusePasswordChangeByToken(token, NEW_PASSWORD))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.FORBIDDEN);
                    assertThat(e.getMessage()).contains("sign in with the password");
                });
        assertThatCode(() -> UsersResource.refusePasswordChangeByToken(token, NEW_NAME)).doesNotThrowAnyException();
    }

    @Test
    void aPasswordLoginMay() {
        AuthenticatedCaller basic = AuthenticatedCaller.basic("hana", Set.of("host"));

        assertThatCode(() -> UsersResource.refusePasswordChangeByToken(basic, NEW_PASSWORD)).doesNotThrowAnyException();
    }
}
