package org.confero.web.rest;

import jakarta.ws.rs.core.SecurityContext;

/** The security context of a request authenticated by an API token: the token's user and that user's roles. */
final class TokenSecurityContext implements SecurityContext {

    static final String BEARER = "Bearer";

    private final CallerPrincipal principal;
    private final boolean secure;

    TokenSecurityContext(AuthenticatedCaller caller, boolean secure) {
        this.principal = new CallerPrincipal(caller);
        this.secure = secure;
    }

    @Override
    public CallerPrincipal getUserPrincipal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return principal.caller().hasRole(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return BEARER;
    }
}
