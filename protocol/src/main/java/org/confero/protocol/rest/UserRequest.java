package org.confero.protocol.rest;

/**
 * Creates a user (admins: all fields but {@code enabled} required) or changes one (PATCH: absent fields keep their
 * value; users may change their own display name, email and password). {@code role}: {@code host} or {@code admin}.
 */
public record UserRequest(String username, String displayName, String email, String role, String password,
        Boolean enabled) {
}
