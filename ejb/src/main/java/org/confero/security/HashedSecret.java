package org.confero.security;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.Objects;

/**
 * A secret stored as PBKDF2-HMAC-SHA256: Base64 hash (the SCRAM-SHA-256 "salted password"), Base64 salt, iteration
 * count. This is the form WildFly Elytron's jdbc-realm {@code scram-mapper} verifies, so users' passwords stored this
 * way authenticate through Elytron directly. Column names are set by the owning entity.
 */
@Embeddable
public class HashedSecret {

    @Column(nullable = false, length = 100)
    private String hash;

    @Column(nullable = false, length = 100)
    private String salt;

    @Column(nullable = false)
    private int iterations;

    protected HashedSecret() {
        // for JPA
    }

    public HashedSecret(String hash, String salt, int iterations) {
        this.hash = Objects.requireNonNull(hash, "hash");
        this.salt = Objects.requireNonNull(salt, "salt");
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        this.iterations = iterations;
    }

    public String hash() {
        return hash;
    }

    public String salt() {
        return salt;
    }

    public int iterations() {
        return iterations;
    }

    /** The single-string form used where one column holds it: {@code pbkdf2-sha256$iterations$salt$hash}. */
    public String encoded() {
        return "pbkdf2-sha256$" + iterations + "$" + salt + "$" + hash;
    }

    public static HashedSecret decode(String encoded) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
            throw new IllegalArgumentException("not an encoded PBKDF2 secret");
        }
        return new HashedSecret(parts[3], parts[2], Integer.parseInt(parts[1]));
    }
}
