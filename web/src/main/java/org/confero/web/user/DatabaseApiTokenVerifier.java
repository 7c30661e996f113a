package org.confero.web.user;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.Set;

import org.confero.user.ApiTokens;
import org.confero.web.rest.ApiTokenVerifier;
import org.confero.web.rest.AuthenticatedCaller;

/** Bearer tokens checked against the database: the token's owner acts, with the owner's current role. */
@ApplicationScoped
public class DatabaseApiTokenVerifier implements ApiTokenVerifier {

    @EJB
    private ApiTokens tokens;

    @Override
    public Optional<AuthenticatedCaller> verify(String bearerToken) {
        return tokens.verify(bearerToken).map(
                owner -> AuthenticatedCaller.token(owner.username(), Set.of(owner.role().roleName()), owner.tokenId()));
    }
}
