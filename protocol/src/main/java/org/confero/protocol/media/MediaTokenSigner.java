package org.confero.protocol.media;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies media tokens with HMAC-SHA256 under a key shared by whoever issues tokens (zone controller, MMR)
 * and the relay that checks them.
 *
 * <p>
 * Token text: {@code base64url(payload) "." base64url(HMAC-SHA256(key, "confero-media-token-v1" || payload))}, no
 * padding, where payload is {@code version(1)=1, mediaType code(1), issuedAt epoch ms(8), expiresAt epoch ms(8),
 * meetingId length(1) + UTF-8, participantId length(1) + UTF-8}, big-endian. Clients treat the token as opaque. A token
 * with flags (issue 23: {@link MediaToken#receiveOnly()}, bit 0) is version 2: the same payload followed by one flags
 * byte; unknown flag bits are refused as malformed. Tokens without flags stay version 1, byte for byte as before.
 *
 * <p>
 * The STUN password is {@code base64url(HMAC-SHA256(key, "confero-stun-password-v1" || UTF-8(token)))}: derived from
 * the token with the shared key, so the relay recomputes it without keeping state, and any issuer hands it to the
 * client next to the token. Distinct labels keep the two MACs from ever being confused.
 */
public final class MediaTokenSigner {

    /** Outcome of {@link #verify}. */
    public enum Status {
        VALID,
        /** Not a token of ours: bad syntax, bad base64, bad payload. */
        MALFORMED,
        /** Well-formed but the MAC does not match: forged or signed with another key. */
        BAD_SIGNATURE,
        /** Authentic but past its expiry. */
        EXPIRED
    }

    /** The result of a verification; {@code token} is present exactly when the status is VALID or EXPIRED. */
    public record Verification(Status status, Optional<MediaToken> token) {
        public boolean isValid() {
            return status == Status.VALID;
        }
    }

    public static final int MIN_KEY_BYTES = 32;
    private static final int VERSION = 1;
    /** Version 1 followed by a flags byte. */
    private static final int VERSION_WITH_FLAGS = 2;
    private static final int FLAG_RECEIVE_ONLY = 1;
    private static final int MAC_BYTES = 32;
    private static final byte[] TOKEN_LABEL = "confero-media-token-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PASSWORD_LABEL = "confero-stun-password-v1".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Longest token text we accept; anything longer cannot be ours and is refused before decoding. */
    private static final int MAX_TOKEN_CHARS = 512;

    private final SecretKeySpec key;

    public MediaTokenSigner(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a media token key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String issue(MediaToken token) {
        byte[] meeting = token.meetingId().getBytes(StandardCharsets.UTF_8);
        byte[] participant = token.participantId().getBytes(StandardCharsets.UTF_8);
        int flags = token.receiveOnly() ? FLAG_RECEIVE_ONLY : 0;
        ByteBuffer payload = ByteBuffer
                .allocate(2 + 16 + 2 + meeting.length + participant.length + (flags == 0 ? 0 : 1));
        payload.put((byte) (flags == 0 ? VERSION : VERSION_WITH_FLAGS)).put((byte) token.mediaType().code());
        payload.putLong(token.issuedAt().toEpochMilli()).putLong(token.expiresAt().toEpochMilli());
        payload.put((byte) meeting.length).put(meeting).put((byte) participant.length).put(participant);
        if (flags != 0) {
            payload.put((byte) flags);
        }
        byte[] bytes = payload.array();
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(TOKEN_LABEL, bytes));
    }

    public MediaCredentials credentials(MediaToken token) {
        String text = issue(token);
        return new MediaCredentials(text, stunPassword(text));
    }

    public String stunPassword(String tokenText) {
        return ENCODER.encodeToString(mac(PASSWORD_LABEL, tokenText.getBytes(StandardCharsets.UTF_8)));
    }

    public Verification verify(String tokenText, Instant now) {
        if (tokenText == null || tokenText.length() > MAX_TOKEN_CHARS) {
            return malformed();
        }
        int dot = tokenText.indexOf('.');
        if (dot <= 0 || dot != tokenText.lastIndexOf('.')) {
            return malformed();
        }
        byte[] payload;
        byte[] presented;
        try {
            payload = DECODER.decode(tokenText.substring(0, dot));
            presented = DECODER.decode(tokenText.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return malformed();
        }
        if (presented.length != MAC_BYTES) {
            return malformed();
        }
        // Constant time: MessageDigest.isEqual does not return early on the first differing byte.
        if (!MessageDigest.isEqual(presented, mac(TOKEN_LABEL, payload))) {
            return new Verification(Status.BAD_SIGNATURE, Optional.empty());
        }
        Optional<MediaToken> token = decode(payload);
        if (token.isEmpty()) {
            return malformed();
        }
        return new Verification(token.get().isExpiredAt(now) ? Status.EXPIRED : Status.VALID, token);
    }

    private static Optional<MediaToken> decode(byte[] payload) {
        try {
            ByteBuffer in = ByteBuffer.wrap(payload);
            int version = in.get();
            if (version != VERSION && version != VERSION_WITH_FLAGS) {
                return Optional.empty();
            }
            Optional<MediaType> type = MediaType.fromCode(in.get());
            long issued = in.getLong();
            long expires = in.getLong();
            String meeting = readId(in);
            String participant = readId(in);
            int flags = version == VERSION_WITH_FLAGS ? in.get() & 0xFF : 0;
            if (type.isEmpty() || in.hasRemaining() || (flags & ~FLAG_RECEIVE_ONLY) != 0
                    || version == VERSION_WITH_FLAGS && flags == 0) {
                return Optional.empty();
            }
            return Optional.of(new MediaToken(meeting, participant, type.get(), Instant.ofEpochMilli(issued),
                    Instant.ofEpochMilli(expires), (flags & FLAG_RECEIVE_ONLY) != 0));
        } catch (RuntimeException e) {
            // BufferUnderflowException or the record's own checks: a payload we signed never fails them.
            return Optional.empty();
        }
    }

    private static Verification malformed() {
        return new Verification(Status.MALFORMED, Optional.empty());
    }

    private static String readId(ByteBuffer in) {
        int length = in.get() & 0xFF;
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private byte[] mac(byte[] label, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(label);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "MediaTokenSigner[key=<hidden>]";
    }

}
