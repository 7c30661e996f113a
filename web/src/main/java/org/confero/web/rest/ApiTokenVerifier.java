package org.confero.web.rest;

import java.util.Optional;

/**
 * Checks an API token (the secret after {@code Authorization: Bearer}). Implemented over the database by one CDI bean
 * (typically delegating to an EJB); {@link ApiTokenAuthentication} injects it.
 * <p>
 * Returns the token's user with that user's current roles and {@code via = "token:<id>"} (see
 * {@link AuthenticatedCaller#token}), or empty when the token is unknown, expired or revoked, or its user is disabled.
 * It never throws for a bad token: an exception means the check itself failed (database down), which is a 5xx, not a
 * 401. It is called on every request that carries a bearer token, so it should be cheap (a hash lookup).
 */
public interface ApiTokenVerifier {

    Optional<AuthenticatedCaller> verify(String bearerToken);
}
