package org.confero.protocol.rest;

/**
 * Creates a user (admins: all fields but {@code enabled} required) or changes one (PATCH: absent fields keep their
 * value; users may change their own display name, email and password). {@code role}: {@code host} or {@code admin}.
 * Changing one's own {@code password} needs {@code currentPassword}, and a password is never changed by a call
 * authenticated with an API token.
 */
public record UserRequest(String username, String displayName, String email, String role, String password,
        Boolean enabled, String currentPassword) {
}
