package org.confero.security;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 with a 16-byte random salt: slow on purpose, so that a stolen table does not give away passwords
 * and passcodes (meeting passcodes are short; the lookup also rate-limits attempts). The iteration count is stored with
 * each hash, so raising it later does not invalidate existing secrets.
 */
public final class SecretHasher {

    /**
     * OWASP's 2023 floor is 600,000 for PBKDF2-HMAC-SHA256; 210,000 keeps a BASIC-authenticated request below ~0.1 s on
     * a small server. Set {@code confero.security.hash.iterations} to trade differently.
     */
    public static final int DEFAULT_ITERATIONS = 210_000;

    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 256;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    public SecretHasher(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        this.iterations = iterations;
    }

    public HashedSecret hash(char[] secret) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new HashedSecret(Base64.getEncoder().encodeToString(pbkdf2(secret, salt, iterations)),
                Base64.getEncoder().encodeToString(salt), iterations);
    }

    /** Constant-time comparison; false for any malformed stored value. */
    public static boolean matches(char[] candidate, HashedSecret stored) {
        try {
            byte[] salt = Base64.getDecoder().decode(stored.salt());
            byte[] expected = Base64.getDecoder().decode(stored.hash());
            return MessageDigest.isEqual(expected, pbkdf2(candidate, salt, stored.iterations()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] pbkdf2(char[] secret, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(secret, salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }
}
