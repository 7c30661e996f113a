package org.confero.lookup;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issue 23: a webinar's panelist code, the secret in the panelist join link its host hands out. Whoever looks the
 * webinar up with it joins as a panelist (on stage, sending); everyone else as an attendee. Derived, not stored:
 * {@code base64url(HMAC-SHA256(key, "confero-panelist-code-v1" || meeting id))} truncated to 128 bits, under a
 * cluster-wide key file, so every server computes the same code and no database row holds it. The role is decided here,
 * from the code, and signed into the join token: never taken from a field the client sends later.
 */
public final class PanelistCodes {

    private static final byte[] LABEL = "confero-panelist-code-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int CODE_BYTES = 16;
    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;

    public PanelistCodes(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a panelist code key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String codeOf(String meetingId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(meetingId));
    }

    /** Constant time in the code's content (MessageDigest.isEqual). */
    public boolean matches(String meetingId, String candidate) {
        if (candidate == null || candidate.length() > 64) {
            return false;
        }
        return MessageDigest.isEqual(codeOf(meetingId).getBytes(StandardCharsets.US_ASCII),
                candidate.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] mac(String meetingId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(LABEL);
            byte[] full = mac.doFinal(meetingId.getBytes(StandardCharsets.UTF_8));
            return java.util.Arrays.copyOf(full, CODE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "PanelistCodes[key=<hidden>]";
    }
}
