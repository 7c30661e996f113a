package org.confero.media.relay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless return-routability nonces, in the manner of DTLS HelloVerifyRequest cookies (RFC 6347 section 4.2.1): a
 * nonce is {@code seconds(4) || HMAC-SHA256(secret, seconds || transport || ip || port || token)[0..16)}, base64url.
 * The secret is random per relay start and never leaves it, so a nonce is unpredictable and only whoever receives at
 * the address it was sent to can echo it; a spoofed source address never sees it. No state is kept per unproven
 * address, so floods of binding requests cost no memory.
 */
final class ReturnRoutability {

    enum Check {
        VALID,
        /** Ours, for this address and token, but older than the lifetime: the client gets a fresh one (438). */
        STALE, INVALID
    }

    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec secret;
    private final long lifetimeSeconds;

    ReturnRoutability(SecureRandom random, long lifetimeSeconds) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        this.secret = new SecretKeySpec(key, "HmacSHA256");
        this.lifetimeSeconds = lifetimeSeconds;
    }

    String issue(MediaPath path, String token, long nowMillis) {
        int seconds = (int) (nowMillis / 1000);
        byte[] nonce = ByteBuffer.allocate(4 + MAC_BYTES).putInt(seconds).put(mac(seconds, path, token)).array();
        return ENCODER.encodeToString(nonce);
    }

    Check check(String nonce, MediaPath path, String token, long nowMillis) {
        byte[] bytes;
        try {
            bytes = DECODER.decode(nonce);
        } catch (IllegalArgumentException e) {
            return Check.INVALID;
        }
        if (bytes.length != 4 + MAC_BYTES) {
            return Check.INVALID;
        }
        int seconds = ByteBuffer.wrap(bytes).getInt();
        if (!MessageDigest.isEqual(mac(seconds, path, token), Arrays.copyOfRange(bytes, 4, bytes.length))) {
            return Check.INVALID;
        }
        long age = nowMillis / 1000 - Integer.toUnsignedLong(seconds);
        return age >= 0 && age <= lifetimeSeconds ? Check.VALID : Check.STALE;
    }

    private byte[] mac(int seconds, MediaPath path, String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            byte[] ip = path.remote().getAddress().getAddress();
            ByteBuffer head = ByteBuffer.allocate(4 + 1 + 1 + ip.length + 2);
            head.putInt(seconds).put((byte) path.transport().ordinal()).put((byte) ip.length).put(ip)
                    .putShort((short) path.remote().getPort());
            mac.update(head.array());
            return Arrays.copyOf(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }
}
