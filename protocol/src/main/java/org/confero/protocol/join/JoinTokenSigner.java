package org.confero.protocol.join;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies join tokens with HMAC-SHA256 under the cluster-wide join key (every server has the same one), so
 * any zone controller or MMR of the cluster accepts a token any web server issued.
 *
 * <p>
 * Token text: {@code base64url(payload) "." base64url(HMAC-SHA256(key, "confero-join-token-v1" || payload))}, no
 * padding; payload (big-endian): {@code version(1)=1, role(1), issuedAt ms(8), expiresAt ms(8)}, then meeting id,
 * participant id (1-byte lengths) and display name (2-byte length), UTF-8, then — for a signed-in user only — the
 * account name (1-byte length). A token without the account (a guest's, or one issued before accounts were carried)
 * reads as a guest's. Clients treat it as opaque.
 */
public final class JoinTokenSigner {

    public enum Status {
        VALID, MALFORMED, BAD_SIGNATURE, EXPIRED
    }

    /** {@code token} is present when the status is VALID or EXPIRED. */
    public record Verification(Status status, Optional<JoinToken> token) {
        public boolean isValid() {
            return status == Status.VALID;
        }
    }

    public static final int MIN_KEY_BYTES = 32;
    private static final int VERSION = 1;
    private static final int MAX_TOKEN_CHARS = 1024;
    private static final byte[] LABEL = "confero-join-token-v1".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public JoinTokenSigner(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a join token key has at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String sign(JoinToken token) {
        byte[] meeting = token.meetingId().getBytes(StandardCharsets.UTF_8);
        byte[] participant = token.participantId().getBytes(StandardCharsets.UTF_8);
        byte[] name = token.displayName().getBytes(StandardCharsets.UTF_8);
        byte[] account = token.account().map(a -> a.getBytes(StandardCharsets.UTF_8)).orElse(null);
        ByteBuffer payload = ByteBuffer.allocate(18 + 1 + meeting.length + 1 + participant.length + 2 + name.length
                + (account == null ? 0 : 1 + account.length));
        payload.put((byte) VERSION).put((byte) token.role().code()).putLong(token.issuedAt().toEpochMilli())
                .putLong(token.expiresAt().toEpochMilli());
        payload.put((byte) meeting.length).put(meeting).put((byte) participant.length).put(participant)
                .putShort((short) name.length).put(name);
        if (account != null) {
            payload.put((byte) account.length).put(account);
        }
        byte[] bytes = payload.array();
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
    }

    /** Never throws on bad input: anything that is not a valid token of this key says why in its status. */
    public Verification verify(String text, Instant now) {
        if (text == null || text.length() > MAX_TOKEN_CHARS) {
            return new Verification(Status.MALFORMED, Optional.empty());
        }
        int dot = text.indexOf('.');
        if (dot <= 0 || dot != text.lastIndexOf('.')) {
            return new Verification(Status.MALFORMED, Optional.empty());
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(text.substring(0, dot));
            signature = DECODER.decode(text.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return new Verification(Status.MALFORMED, Optional.empty());
        }
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            return new Verification(Status.BAD_SIGNATURE, Optional.empty());
        }
        Optional<JoinToken> token = decode(payload);
        if (token.isEmpty()) {
            return new Verification(Status.MALFORMED, Optional.empty());
        }
        return new Verification(token.get().isExpiredAt(now) ? Status.EXPIRED : Status.VALID, token);
    }

    private static Optional<JoinToken> decode(byte[] bytes) {
        try {
            ByteBuffer payload = ByteBuffer.wrap(bytes);
            if (payload.get() != VERSION) {
                return Optional.empty();
            }
            JoinToken.Role role = JoinToken.Role.ofCode(payload.get());
            Instant issued = Instant.ofEpochMilli(payload.getLong());
            Instant expires = Instant.ofEpochMilli(payload.getLong());
            String meeting = string(payload, payload.get() & 0xFF);
            String participant = string(payload, payload.get() & 0xFF);
            String name = string(payload, payload.getShort() & 0xFFFF);
            Optional<String> account = payload.hasRemaining() ? Optional.of(string(payload, payload.get() & 0xFF))
                    : Optional.empty();
            if (payload.hasRemaining()) {
                return Optional.empty();
            }
            return Optional.of(new JoinToken(meeting, participant, name, role, issued, expires, account));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String string(ByteBuffer payload, int length) {
        byte[] bytes = new byte[length];
        payload.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(LABEL);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
