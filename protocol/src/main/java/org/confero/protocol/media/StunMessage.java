package org.confero.protocol.media;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A parsed STUN message (RFC 8489). {@link #parse} checks the framing strictly and refuses anything else, so callers
 * only see messages whose attributes all lie inside the message. The message keeps its own copy of the bytes.
 *
 * <p>
 * Per RFC 8489 section 14.5 every attribute after MESSAGE-INTEGRITY except FINGERPRINT is ignored, and FINGERPRINT must
 * be last (section 14.7). A comprehension-required attribute this codec does not know makes the message unparseable:
 * Confero peers never send one, and answering 420 to strangers is not worth the bytes.
 */
public final class StunMessage {

    private static final int MAX_ATTRIBUTES = 32;

    private final byte[] bytes;
    private final int type;
    private final int[] attrTypes;
    private final int[] attrOffsets;
    private final int[] attrLengths;
    private final int attrCount;
    private final int integrityOffset;
    private final int fingerprintOffset;

    private StunMessage(byte[] bytes, int type, int[] types, int[] offsets, int[] lengths, int count, int integrity,
            int fingerprint) {
        this.bytes = bytes;
        this.type = type;
        this.attrTypes = types;
        this.attrOffsets = offsets;
        this.attrLengths = lengths;
        this.attrCount = count;
        this.integrityOffset = integrity;
        this.fingerprintOffset = fingerprint;
    }

    /** Cheap pre-check on the header alone, before any copying: a STUN type, our cookie and a consistent length. */
    public static boolean looksLikeStun(byte[] buf, int off, int len) {
        return len >= Stun.HEADER_BYTES && (buf[off] & 0xC0) == 0 && readShort(buf, off + 2) == len - Stun.HEADER_BYTES
                && (len & 3) == 0 && readInt(buf, off + 4) == Stun.MAGIC_COOKIE;
    }

    public static Optional<StunMessage> parse(byte[] buf, int off, int len) {
        if (!looksLikeStun(buf, off, len)) {
            return Optional.empty();
        }
        byte[] bytes = Arrays.copyOfRange(buf, off, off + len);
        int[] types = new int[MAX_ATTRIBUTES];
        int[] offsets = new int[MAX_ATTRIBUTES];
        int[] lengths = new int[MAX_ATTRIBUTES];
        int count = 0;
        int integrity = -1;
        int fingerprint = -1;
        int pos = Stun.HEADER_BYTES;
        while (pos < len) {
            if (pos + 4 > len || fingerprint >= 0) {
                return Optional.empty(); // truncated attribute header, or something after FINGERPRINT
            }
            int attrType = readShort(bytes, pos);
            int attrLength = readShort(bytes, pos + 2);
            int padded = (attrLength + 3) & ~3;
            if (pos + 4 + padded > len) {
                return Optional.empty();
            }
            if (attrType == Stun.ATTR_FINGERPRINT) {
                if (attrLength != 4) {
                    return Optional.empty();
                }
                fingerprint = pos;
            } else if (integrity < 0) {
                if (attrType < 0x8000 && !Stun.isKnownRequired(attrType)) {
                    return Optional.empty();
                }
                if (attrType == Stun.ATTR_MESSAGE_INTEGRITY) {
                    if (attrLength != Stun.MESSAGE_INTEGRITY_BYTES) {
                        return Optional.empty();
                    }
                    integrity = pos;
                }
                if (count == MAX_ATTRIBUTES) {
                    return Optional.empty();
                }
                types[count] = attrType;
                offsets[count] = pos + 4;
                lengths[count] = attrLength;
                count++;
            }
            pos += 4 + padded;
        }
        return Optional.of(
                new StunMessage(bytes, readShort(bytes, 0), types, offsets, lengths, count, integrity, fingerprint));
    }

    public int type() {
        return type;
    }

    public boolean isBindingRequest() {
        return type == Stun.BINDING_REQUEST;
    }

    public int size() {
        return bytes.length;
    }

    public byte[] transactionId() {
        return Arrays.copyOfRange(bytes, 8, Stun.HEADER_BYTES);
    }

    public boolean hasTransactionId(byte[] id) {
        return id != null && id.length == Stun.TRANSACTION_ID_BYTES
                && Arrays.equals(bytes, 8, Stun.HEADER_BYTES, id, 0, Stun.TRANSACTION_ID_BYTES);
    }

    public Optional<byte[]> attribute(int attrType) {
        for (int i = 0; i < attrCount; i++) {
            if (attrTypes[i] == attrType) {
                return Optional.of(Arrays.copyOfRange(bytes, attrOffsets[i], attrOffsets[i] + attrLengths[i]));
            }
        }
        return Optional.empty();
    }

    public Optional<String> stringAttribute(int attrType) {
        return attribute(attrType).map(value -> new String(value, StandardCharsets.UTF_8));
    }

    public Optional<MediaType> mediaType() {
        return attribute(Stun.ATTR_MEDIA_TYPE).filter(v -> v.length == 1).flatMap(v -> MediaType.fromCode(v[0]));
    }

    /** The error code of an error response (RFC 8489 section 14.8): class * 100 + number. */
    public Optional<Integer> errorCode() {
        return attribute(Stun.ATTR_ERROR_CODE).filter(v -> v.length >= 4).map(v -> (v[2] & 0x07) * 100 + (v[3] & 0xFF));
    }

    public Optional<InetSocketAddress> xorMappedAddress() {
        return attribute(Stun.ATTR_XOR_MAPPED_ADDRESS).flatMap(this::decodeXorAddress);
    }

    private Optional<InetSocketAddress> decodeXorAddress(byte[] v) {
        int family = v.length >= 4 ? v[1] : 0;
        int addressBytes = family == 1 ? 4 : family == 2 ? 16 : -1;
        if (addressBytes < 0 || v.length != 4 + addressBytes) {
            return Optional.empty();
        }
        int port = readShort(v, 2) ^ (Stun.MAGIC_COOKIE >>> 16);
        byte[] address = new byte[addressBytes];
        for (int i = 0; i < addressBytes; i++) {
            // XOR with the cookie, then (IPv6) the transaction id: exactly bytes 4..19 of the header.
            address[i] = (byte) (v[4 + i] ^ bytes[4 + i]);
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByAddress(address), port));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public boolean hasIntegrity() {
        return integrityOffset >= 0;
    }

    public boolean hasFingerprint() {
        return fingerprintOffset >= 0;
    }

    /**
     * RFC 8489 section 14.5: HMAC-SHA1 over the message up to MESSAGE-INTEGRITY, with the header's length field set as
     * if MESSAGE-INTEGRITY were the last attribute. Compared in constant time.
     */
    public boolean verifyIntegrity(byte[] key) {
        if (integrityOffset < 0) {
            return false;
        }
        byte[] expected = integrity(bytes, integrityOffset, key);
        return MessageDigest.isEqual(expected,
                Arrays.copyOfRange(bytes, integrityOffset + 4, integrityOffset + 4 + Stun.MESSAGE_INTEGRITY_BYTES));
    }

    /** RFC 8489 section 14.7: CRC-32 of the message up to FINGERPRINT, XORed with 0x5354554e. */
    public boolean verifyFingerprint() {
        return fingerprintOffset >= 0 && readInt(bytes, fingerprintOffset + 4) == fingerprint(bytes, fingerprintOffset);
    }

    static byte[] integrity(byte[] message, int integrityOffset, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] header = Arrays.copyOf(message, Stun.HEADER_BYTES);
            int length = integrityOffset + 4 + Stun.MESSAGE_INTEGRITY_BYTES - Stun.HEADER_BYTES;
            header[2] = (byte) (length >>> 8);
            header[3] = (byte) length;
            mac.update(header);
            mac.update(message, Stun.HEADER_BYTES, integrityOffset - Stun.HEADER_BYTES);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required of every Java platform", e);
        }
    }

    static int fingerprint(byte[] message, int fingerprintOffset) {
        CRC32 crc = new CRC32();
        byte[] header = Arrays.copyOf(message, Stun.HEADER_BYTES);
        int length = fingerprintOffset + 8 - Stun.HEADER_BYTES;
        header[2] = (byte) (length >>> 8);
        header[3] = (byte) length;
        crc.update(header);
        crc.update(message, Stun.HEADER_BYTES, fingerprintOffset - Stun.HEADER_BYTES);
        return (int) crc.getValue() ^ Stun.FINGERPRINT_XOR;
    }

    static int readShort(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }
}
