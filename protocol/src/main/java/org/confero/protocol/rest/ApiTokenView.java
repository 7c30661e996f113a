package org.confero.protocol.rest;

import java.time.Instant;

/**
 * An API token. {@code token} — the secret to send as {@code Authorization: Bearer <token>} — is present only in the
 * answer that created it: it is stored as a hash and cannot be shown again.
 */
public record ApiTokenView(String id, String name, String owner, Instant createdAt, Instant expiresAt,
        Instant revokedAt, String token) {
}
