package org.confero.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Issue 23: the keys promotions are stored under. A stage pass is stored as its SHA-256 digest, so that whoever reads
 * the replicated cache (a heap dump, another node's logs) cannot present it; what a client sends is checked for shape
 * before it is hashed (at most {@link #MAX_LENGTH} hexadecimal characters), and a wrong one simply matches nothing.
 */
final class StagePasses {

    /** Passes are 48 hex characters (24 random bytes); anything longer is not one of ours. */
    static final int MAX_LENGTH = 64;

    private StagePasses() {
    }

    static boolean plausible(String pass) {
        return !pass.isEmpty() && pass.length() <= MAX_LENGTH
                && pass.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    static String accountKey(String account) {
        return "a/" + account;
    }

    static String passKey(String pass) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(pass.getBytes(StandardCharsets.US_ASCII));
            return "s/" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
