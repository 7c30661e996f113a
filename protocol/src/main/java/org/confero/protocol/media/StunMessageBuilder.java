package org.confero.protocol.media;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds one STUN message (RFC 8489): header, attributes in the order added, then optionally MESSAGE-INTEGRITY and
 * FINGERPRINT, which RFC 8489 requires to come last and in that order.
 */
public final class StunMessageBuilder {

    private final int type;
    private final byte[] transactionId;
    private final ByteArrayOutputStream attributes = new ByteArrayOutputStream(128);

    public StunMessageBuilder(int type, byte[] transactionId) {
        Objects.requireNonNull(transactionId, "transactionId");
        if (transactionId.length != Stun.TRANSACTION_ID_BYTES) {
            throw new IllegalArgumentException("a STUN transaction id has 12 bytes");
        }
        if ((type & 0xC000) != 0) {
            throw new IllegalArgumentException("the two top bits of a STUN type are zero");
        }
        this.type = type;
        this.transactionId = transactionId.clone();
    }

    public StunMessageBuilder attribute(int attrType, byte[] value) {
        if (value.length > 0xFFFF - 4) {
            throw new IllegalArgumentException("attribute too long");
        }
        writeShort(attrType);
        writeShort(value.length);
        attributes.writeBytes(value);
        for (int pad = (4 - (value.length & 3)) & 3; pad > 0; pad--) {
            attributes.write(0);
        }
        return this;
    }

    public StunMessageBuilder attribute(int attrType, String value) {
        return attribute(attrType, value.getBytes(StandardCharsets.UTF_8));
    }

    public StunMessageBuilder mediaType(MediaType mediaType) {
        return attribute(Stun.ATTR_MEDIA_TYPE, new byte[] { (byte) mediaType.code() });
    }

    /** RFC 8489 section 14.8; the reason phrase is for humans only. */
    public StunMessageBuilder errorCode(int code, String reason) {
        byte[] phrase = reason.getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[4 + phrase.length];
        value[2] = (byte) (code / 100);
        value[3] = (byte) (code % 100);
        System.arraycopy(phrase, 0, value, 4, phrase.length);
        return attribute(Stun.ATTR_ERROR_CODE, value);
    }

    /** RFC 8489 section 14.2: port XOR the cookie's top half, address XOR the cookie (and, for IPv6, the id). */
    public StunMessageBuilder xorMappedAddress(InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        byte[] value = new byte[4 + ip.length];
        value[1] = (byte) (ip.length == 4 ? 1 : 2);
        int port = address.getPort() ^ (Stun.MAGIC_COOKIE >>> 16);
        value[2] = (byte) (port >>> 8);
        value[3] = (byte) port;
        byte[] mask = new byte[16];
        writeInt(mask, 0, Stun.MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, mask, 4, Stun.TRANSACTION_ID_BYTES);
        for (int i = 0; i < ip.length; i++) {
            value[4 + i] = (byte) (ip[i] ^ mask[i]);
        }
        return attribute(Stun.ATTR_XOR_MAPPED_ADDRESS, value);
    }

    /**
     * The message; with {@code integrityKey} non-null, MESSAGE-INTEGRITY (HMAC-SHA1) is appended, then FINGERPRINT if
     * asked for.
     */
    public byte[] build(byte[] integrityKey, boolean fingerprint) {
        byte[] body = attributes.toByteArray();
        int length = body.length + (integrityKey != null ? 24 : 0) + (fingerprint ? 8 : 0);
        byte[] message = new byte[Stun.HEADER_BYTES + length];
        message[0] = (byte) (type >>> 8);
        message[1] = (byte) type;
        message[2] = (byte) (length >>> 8);
        message[3] = (byte) length;
        writeInt(message, 4, Stun.MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, message, 8, Stun.TRANSACTION_ID_BYTES);
        System.arraycopy(body, 0, message, Stun.HEADER_BYTES, body.length);
        int pos = Stun.HEADER_BYTES + body.length;
        if (integrityKey != null) {
            message[pos + 1] = (byte) Stun.ATTR_MESSAGE_INTEGRITY;
            message[pos + 3] = (byte) Stun.MESSAGE_INTEGRITY_BYTES;
            byte[] mac = StunMessage.integrity(message, pos, integrityKey);
            System.arraycopy(mac, 0, message, pos + 4, mac.length);
            pos += 24;
        }
        if (fingerprint) {
            message[pos] = (byte) (Stun.ATTR_FINGERPRINT >>> 8);
            message[pos + 1] = (byte) Stun.ATTR_FINGERPRINT;
            message[pos + 3] = 4;
            writeInt(message, pos + 4, StunMessage.fingerprint(message, pos));
        }
        return message;
    }

    private void writeShort(int value) {
        attributes.write(value >>> 8);
        attributes.write(value);
    }

    private static void writeInt(byte[] b, int off, int value) {
        b[off] = (byte) (value >>> 24);
        b[off + 1] = (byte) (value >>> 16);
        b[off + 2] = (byte) (value >>> 8);
        b[off + 3] = (byte) value;
    }
}
