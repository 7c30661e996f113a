package org.confero.protocol.media;

import java.util.Objects;

/**
 * What a client needs to bind one media connection: the signed media {@code token}, sent as the STUN USERNAME, and the
 * STUN short-term {@code password} (RFC 8489 section 9.1) whose UTF-8 bytes key MESSAGE-INTEGRITY in both directions.
 * The password travels to the client over TLS (control channel or zone controller answer) and never over the media
 * path, so someone who only sees media traffic cannot forge integrity with a sniffed token.
 */
public record MediaCredentials(String token, String password) {

    public MediaCredentials {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(password, "password");
    }

    /** The MESSAGE-INTEGRITY key: OpaqueString(password) as RFC 8489 section 9.1.2 has it (our passwords are ASCII). */
    public byte[] integrityKey() {
        return password.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "MediaCredentials[token=" + token + ", password=<hidden>]";
    }
}
