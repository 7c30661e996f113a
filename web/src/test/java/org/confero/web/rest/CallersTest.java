package org.confero.web.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;
import java.util.Set;

import org.confero.common.api.Actor;
import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.junit.jupiter.api.Test;

class CallersTest {

    @Test
    void aTokenCallerComesBackWhole() {
        AuthenticatedCaller caller = AuthenticatedCaller.token("alice", Set.of("admin"), "t-1");

        assertThat(Callers.current(new TokenSecurityContext(caller, true))).isEqualTo(caller);
        assertThat(caller.tokenId()).contains("t-1");
        assertThat(caller.actor()).isEqualTo(new Actor("alice", true));
    }

    @Test
    void aBasicCallerGetsEveryApplicationRoleElytronConfirms() {
        AuthenticatedCaller caller = Callers.current(basic("carol", "host", "auditor"));

        assertThat(caller).isEqualTo(AuthenticatedCaller.basic("carol", Set.of("host")));
        assertThat(caller.via()).isEqualTo("basic");
        assertThat(caller.tokenId()).isEmpty();
        assertThat(caller.actor()).isEqualTo(new Actor("carol", false));
    }

    @Test
    void aGuestHasNoCallerAndCurrentSaysSoWith401() {
        SecurityContext guest = basic(null);

        assertThat(Callers.find(guest)).isEmpty();
        assertThatThrownBy(() -> Callers.current(guest)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.type()).isEqualTo(ProblemType.UNAUTHENTICATED));
    }

    @Test
    void rolesAreCopiedSoTheCallerCannotChange() {
        var roles = new java.util.HashSet<>(Set.of("host"));
        AuthenticatedCaller caller = AuthenticatedCaller.basic("dave", roles);
        roles.add("admin");

        assertThat(caller.hasRole("admin")).isFalse();
    }

    private static SecurityContext basic(String username, String... roles) {
        Set<String> granted = Set.of(roles);
        Principal principal = username == null ? null : () -> username;
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return granted.contains(role);
            }

            @Override
            public boolean isSecure() {
                return true;
            }

            @Override
            public String getAuthenticationScheme() {
                return BASIC_AUTH;
            }
        };
    }
}
