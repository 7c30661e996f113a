package org.confero.web.rest;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.confero.common.api.Actor;
import org.confero.user.Role;

/**
 * Who called, as the REST layer authenticated them. {@code roles} are role names as {@code @RolesAllowed} sees them
 * ({@code host}, {@code admin}); {@code via} is {@code basic} for HTTP Basic (checked by Elytron) or {@code token:<id>}
 * for an API token, so that audit entries say which token acted.
 */
public record AuthenticatedCaller(String username, Set<String> roles, String via) {

    public static final String VIA_BASIC = "basic";
    private static final String VIA_TOKEN = "token:";

    public AuthenticatedCaller {
        Objects.requireNonNull(username, "username");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(via, "via");
    }

    public static AuthenticatedCaller basic(String username, Set<String> roles) {
        return new AuthenticatedCaller(username, roles, VIA_BASIC);
    }

    public static AuthenticatedCaller token(String username, Set<String> roles, String tokenId) {
        return new AuthenticatedCaller(username, roles, VIA_TOKEN + Objects.requireNonNull(tokenId, "tokenId"));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** The id of the API token the caller used, empty for HTTP Basic. */
    public Optional<String> tokenId() {
        return via.startsWith(VIA_TOKEN) ? Optional.of(via.substring(VIA_TOKEN.length())) : Optional.empty();
    }

    /** The caller as the domain sees it. */
    public Actor actor() {
        return new Actor(username, hasRole(Role.ADMIN.roleName()));
    }
}
