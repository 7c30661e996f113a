package org.confero.protocol.rest;

/** Creates an API token for the caller; {@code expiresInDays} empty means it never expires (revoke it instead). */
public record ApiTokenRequest(String name, Integer expiresInDays) {
}
