package org.confero.user;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.confero.common.api.Actor;
import org.confero.common.api.DomainException;
import org.confero.protocol.rest.ApiTokenRequest;
import org.confero.protocol.rest.ApiTokenView;
import org.confero.security.SecretHasher;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * API tokens for integrators. A token reads {@code cft_<id>.<secret>}: the id finds the row, the secret (32 random
 * bytes) is checked against its hash. The secret has 256 bits of entropy, so a single PBKDF2 round suffices and every
 * API call stays cheap; a password needs the slow hash, a token does not. Every token expires, at the latest
 * {@code confero.api.token.max.days} after its creation, and a token cannot mint one that outlives it.
 */
@Stateless
public class ApiTokens {

    private static final String PREFIX = "cft_";
    private static final SecretHasher TOKEN_HASHER = new SecretHasher(1);

    @PersistenceContext(unitName = "confero")
    private EntityManager em;

    @EJB
    private Users users;

    /** The longest an API token lives; a request without an expiry gets this. */
    @Inject
    @ConfigProperty(name = "confero.api.token.max.days", defaultValue = "90")
    int maxDays;

    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    /** The authenticated owner of an active token, for the REST layer's bearer authentication. */
    public record TokenOwner(String username, Role role, String tokenId) {
    }

    /** A token created with a password (HTTP Basic). */
    public ApiTokenView create(Actor actor, ApiTokenRequest request) {
        return create(actor, request, Optional.empty());
    }

    /**
     * Creates a token for the caller. It expires within {@code confero.api.token.max.days} ({@code expiresInDays}
     * absent: at that maximum). A caller authenticated by a token ({@code callingTokenId}) cannot mint a token that
     * outlives its own: without {@code expiresInDays} the new token expires with the calling one, and asking for longer
     * is refused, so a stolen token cannot renew itself for ever.
     */
    public ApiTokenView create(Actor actor, ApiTokenRequest request, Optional<String> callingTokenId) {
        if (request == null || request.name() == null) {
            throw DomainException.invalid("name is required");
        }
        // Milliseconds, which every database stores exactly: a stored expiry read back equals the one answered, so a
        // token's token never appears to outlive it by a rounded-up microsecond.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<Instant> callerExpiry = callingTokenId
                .map(id -> Optional.ofNullable(em.find(ApiToken.class, id)).map(this::effectiveExpiry).orElse(now));
        Instant expires = TokenLifetime.expiry(now, request.expiresInDays(), maxDays(), callerExpiry);
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
        Instant now = clock.instant();
        if (token == null || !token.isActive(now) || !now.isBefore(effectiveExpiry(token))
                || !SecretHasher.matches(secret.toCharArray(), token.secret())) {
            return Optional.empty();
        }
        return Optional.of(new TokenOwner(token.owner().username(), token.owner().role(), token.id()));
    }

    private ApiTokenView view(ApiToken token, String secret) {
        return new ApiTokenView(token.id(), token.name(), token.owner().username(), token.createdAt(),
                effectiveExpiry(token), token.revokedAt().orElse(null), secret);
    }

    /**
     * When a token stops working: its expiry, or for a token created before tokens had a maximum lifetime (no expiry
     * stored), its creation plus that maximum.
     */
    private Instant effectiveExpiry(ApiToken token) {
        return token.expiresAt().orElseGet(() -> token.createdAt().plus(Duration.ofDays(maxDays())));
    }

    private int maxDays() {
        if (maxDays < 1 || maxDays > 3650) {
            throw new IllegalStateException("confero.api.token.max.days must be 1 to 3650, not " + maxDays);
        }
        return maxDays;
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
