package org.confero.messaging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tickets for the chat WebSocket: {@code base64url("chat-v1|user|expiresAtMillis|nonce") "." base64url(HMAC-SHA256)},
 * under a key every server shares (a file on the shared disk), so a ticket fetched through one server opens a WebSocket
 * on any other — behind a load balancer without affinity too. They expire within a minute.
 */
public final class ChatTicketSigner {

    private static final String VERSION = "chat-v1";
    private static final int MAX_TICKET_CHARS = 512;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public ChatTicketSigner(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a chat ticket key has at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String sign(String username, Instant expiresAt) {
        byte[] nonce = new byte[9];
        random.nextBytes(nonce);
        byte[] payload = (VERSION + "|" + username + "|" + expiresAt.toEpochMilli() + "|"
                + HexFormat.of().formatHex(nonce)).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The ticket's user, if the ticket is well-formed, signed with this key and not expired at {@code now}. */
    public Optional<String> verify(String ticket, Instant now) {
        if (ticket == null || ticket.length() > MAX_TICKET_CHARS) {
            return Optional.empty();
        }
        int dot = ticket.indexOf('.');
        if (dot <= 0 || dot != ticket.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(ticket.substring(0, dot));
            byte[] signature = DECODER.decode(ticket.substring(dot + 1));
            if (!MessageDigest.isEqual(mac(payload), signature)) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 4 || !VERSION.equals(parts[0]) || parts[1].isEmpty()) {
                return Optional.empty();
            }
            return Long.parseLong(parts[2]) > now.toEpochMilli() ? Optional.of(parts[1]) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
