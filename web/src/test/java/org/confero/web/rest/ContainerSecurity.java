package org.confero.web.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;
import java.util.Set;

/**
 * Stands in for the servlet container and Elytron, which establish the security context before JAX-RS runs: a guest, or
 * a user who passed HTTP Basic.
 */
@PreMatching
@Priority(1)
final class ContainerSecurity implements ContainerRequestFilter {

    private final String username;
    private final Set<String> roles;

    private ContainerSecurity(String username, Set<String> roles) {
        this.username = username;
        this.roles = roles;
    }

    static ContainerSecurity guest() {
        return new ContainerSecurity(null, Set.of());
    }

    static ContainerSecurity basic(String username, String... roles) {
        return new ContainerSecurity(username, Set.of(roles));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Principal principal = username == null ? null : () -> username;
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return principal != null && roles.contains(role);
            }

            @Override
            public boolean isSecure() {
                return true;
            }

            @Override
            public String getAuthenticationScheme() {
                return principal == null ? null : SecurityContext.BASIC_AUTH;
            }
        });
    }
}
