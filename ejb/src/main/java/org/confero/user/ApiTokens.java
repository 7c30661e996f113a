package org.confero.user;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.confero.common.api.Actor;
import org.confero.common.api.DomainException;
import org.confero.protocol.rest.ApiTokenRequest;
import org.confero.protocol.rest.ApiTokenView;
import org.confero.security.SecretHasher;

/**
 * API tokens for integrators. A token reads {@code cft_<id>.<secret>}: the id finds the row, the secret (32 random
 * bytes) is checked against its hash. The secret has 256 bits of entropy, so a single PBKDF2 round suffices and every
 * API call stays cheap; a password needs the slow hash, a token does not.
 */
@Stateless
public class ApiTokens {

    private static final String PREFIX = "cft_";
    private static final SecretHasher TOKEN_HASHER = new SecretHasher(1);

    @PersistenceContext(unitName = "confero")
    private EntityManager em;

    @EJB
    private Users users;

    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    /** The authenticated owner of an active token, for the REST layer's bearer authentication. */
    public record TokenOwner(String username, Role role, String tokenId) {
    }

    public ApiTokenView create(Actor actor, ApiTokenRequest request) {
        if (request == null || request.name() == null) {
            throw DomainException.invalid("name is required");
        }
        Instant now = clock.instant();
        Instant expires = null;
        if (request.expiresInDays() != null) {
            if (request.expiresInDays() < 1 || request.expiresInDays() > 3650) {
                throw DomainException.invalid("expiresInDays must be 1 to 3650");
            }
            expires = now.plus(Duration.ofDays(request.expiresInDays()));
        }
        String id = HexFormat.of().formatHex(bytes(8));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
        try {
            ApiToken token = new ApiToken(id, users.require(actor.username()), request.name(),
                    TOKEN_HASHER.hash(secret.toCharArray()), now, expires);
            em.persist(token);
            return view(token, PREFIX + id + "." + secret);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
    }

    public List<ApiTokenView> list(Actor actor) {
        return em.createNamedQuery("ApiToken.byOwner", ApiToken.class)
                .setParameter("owner", users.require(actor.username())).getResultList().stream()
                .map(token -> view(token, null)).toList();
    }

    public void revoke(Actor actor, String id) {
        ApiToken token = Optional.ofNullable(em.find(ApiToken.class, id))
                .filter(t -> actor.admin() || t.owner().username().equals(actor.username()))
                .orElseThrow(() -> DomainException.notFound("API token " + id));
        token.revoke(clock.instant());
    }

    /** Empty for anything but an active token with the right secret; never throws on malformed input. */
    public Optional<TokenOwner> verify(String bearer) {
        if (bearer == null || !bearer.startsWith(PREFIX) || bearer.length() > 200) {
            return Optional.empty();
        }
        int dot = bearer.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String id = bearer.substring(PREFIX.length(), dot);
        String secret = bearer.substring(dot + 1);
        if (id.isEmpty() || id.length() > 32) {
            return Optional.empty();
        }
        ApiToken token = em.find(ApiToken.class, id);
        if (token == null || !token.isActive(clock.instant())
                || !SecretHasher.matches(secret.toCharArray(), token.secret())) {
            return Optional.empty();
        }
        return Optional.of(new TokenOwner(token.owner().username(), token.owner().role(), token.id()));
    }

    private static ApiTokenView view(ApiToken token, String secret) {
        return new ApiTokenView(token.id(), token.name(), token.owner().username(), token.createdAt(),
                token.expiresAt().orElse(null), token.revokedAt().orElse(null), secret);
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
