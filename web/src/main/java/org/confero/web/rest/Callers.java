package org.confero.web.rest;

import jakarta.ws.rs.core.SecurityContext;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.confero.user.Role;

/** The caller of the current request, for resources: {@code Callers.current(securityContext)}. */
public final class Callers {

    private Callers() {
    }

    /** The authenticated caller, or empty for a guest. */
    public static Optional<AuthenticatedCaller> find(SecurityContext security) {
        var principal = security.getUserPrincipal();
        if (principal == null) {
            return Optional.empty();
        }
        if (principal instanceof CallerPrincipal token) {
            return Optional.of(token.caller());
        }
        // Elytron (HTTP Basic) exposes roles only one question at a time, so ask for each role the application has.
        var roles = Arrays.stream(Role.values()).map(Role::roleName).filter(security::isUserInRole)
                .collect(Collectors.toSet());
        return Optional.of(AuthenticatedCaller.basic(principal.getName(), roles));
    }

    /** The authenticated caller; a guest gets a 401, for resources that let guests in but need a user here. */
    public static AuthenticatedCaller current(SecurityContext security) {
        return find(security).orElseThrow(
                () -> new DomainException(ProblemType.UNAUTHENTICATED, "this operation needs an authenticated user"));
    }
}
