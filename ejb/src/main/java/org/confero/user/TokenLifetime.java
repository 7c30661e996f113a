package org.confero.user;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.confero.common.api.DomainException;

/**
 * When a new API token expires. Every token expires within the maximum lifetime; a token created by a call that was
 * itself authenticated by a token never outlives that token, so a stolen token cannot renew itself for ever.
 */
final class TokenLifetime {

    private TokenLifetime() {
    }

    /**
     * @param expiresInDays
     *            what the request asked for; {@code null} for the longest allowed
     * @param maxDays
     *            {@code confero.api.token.max.days}
     * @param callerExpiry
     *            the expiry of the token that authenticated the call, empty for a password (HTTP Basic)
     *
     * @throws DomainException
     *             400 for days outside 1 to {@code maxDays}; 403 for a token asking for a token that outlives it, or a
     *             calling token that has expired
     */
    static Instant expiry(Instant now, Integer expiresInDays, int maxDays, Optional<Instant> callerExpiry) {
        Instant expires;
        if (expiresInDays == null) {
            expires = now.plus(Duration.ofDays(maxDays));
        } else {
            if (expiresInDays < 1 || expiresInDays > maxDays) {
                throw DomainException
                        .invalid("expiresInDays must be 1 to " + maxDays + " (confero.api.token.max.days)");
            }
            expires = now.plus(Duration.ofDays(expiresInDays));
        }
        if (callerExpiry.isEmpty()) {
            return expires;
        }
        Instant limit = callerExpiry.get();
        if (!limit.isAfter(now)) {
            throw DomainException.forbidden("the calling token has expired");
        }
        if (!expires.isAfter(limit)) {
            return expires;
        }
        if (expiresInDays == null) {
            return limit;
        }
        throw DomainException.forbidden("a token cannot create a token that outlives it (the calling token expires at "
                + limit + "); ask for fewer days, or sign in with the password for a longer-lived token");
    }
}
