package org.confero.protocol.rest;

/**
 * Creates an API token for the caller. {@code expiresInDays} at most the server's maximum
 * ({@code confero.api.token.max.days}); empty means that maximum, or for a call made with a token, the calling token's
 * own expiry (a token never mints one that outlives it).
 */
public record ApiTokenRequest(String name, Integer expiresInDays) {
}
