package org.confero.web.rest;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.util.Locale;
import java.util.Optional;

import org.confero.common.api.ProblemType;

/**
 * Authenticates {@code Authorization: Bearer <token>} (RFC 6750) with an API token. HTTP Basic never gets here as a
 * bearer header: Elytron has checked it before JAX-RS, and its security context is left alone. A bearer token that does
 * not verify is a 401 at once, never an anonymous request: an integrator whose token was revoked must learn it, not get
 * a guest's view of the API.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class ApiTokenAuthentication implements ContainerRequestFilter {

    private static final String SCHEME_PREFIX = "bearer ";
    private static final String INVALID_TOKEN_CHALLENGE = "Bearer realm=\"Confero\", error=\"invalid_token\"";

    @Inject
    ApiTokenVerifier verifier;

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<String> token = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token.isEmpty()) {
            return;
        }
        Optional<AuthenticatedCaller> caller = token.get().isEmpty() ? Optional.empty() : verifier.verify(token.get());
        if (caller.isPresent()) {
            boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
            request.setSecurityContext(new TokenSecurityContext(caller.get(), secure));
        } else {
            request.abortWith(Problems
                    .builder(Problems.of(ProblemType.UNAUTHENTICATED, "the API token is invalid, expired or revoked"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, INVALID_TOKEN_CHALLENGE).build());
        }
    }

    /** The token of a bearer header (empty string if the header names the scheme only); empty for anything else. */
    static Optional<String> bearerToken(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String header = authorization.strip();
        // RFC 9110 §11.1: the scheme is case-insensitive.
        if (header.equalsIgnoreCase(SCHEME_PREFIX.strip())) {
            return Optional.of("");
        }
        if (header.length() < SCHEME_PREFIX.length()
                || !header.substring(0, SCHEME_PREFIX.length()).toLowerCase(Locale.ROOT).equals(SCHEME_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(SCHEME_PREFIX.length()).strip());
    }
}
