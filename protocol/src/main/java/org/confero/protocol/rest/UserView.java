package org.confero.protocol.rest;

import java.time.Instant;

/** A user as admins (and the user itself) see it; never the password. */
public record UserView(String username, String displayName, String email, String role, boolean enabled,
        Instant createdAt) {
}
