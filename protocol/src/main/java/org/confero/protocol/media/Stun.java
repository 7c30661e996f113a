package org.confero.protocol.media;

/** STUN constants (RFC 8489) and the one private attribute Confero adds. */
public final class Stun {

    public static final int HEADER_BYTES = 20;
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int TRANSACTION_ID_BYTES = 12;

    /** Message types (RFC 8489 section 5): method Binding (0x001) in each class. */
    public static final int BINDING_REQUEST = 0x0001;
    public static final int BINDING_INDICATION = 0x0011;
    public static final int BINDING_SUCCESS = 0x0101;
    public static final int BINDING_ERROR = 0x0111;

    /** Attributes (RFC 8489 section 18.3). */
    public static final int ATTR_USERNAME = 0x0006;
    public static final int ATTR_MESSAGE_INTEGRITY = 0x0008;
    public static final int ATTR_ERROR_CODE = 0x0009;
    public static final int ATTR_NONCE = 0x0015;
    public static final int ATTR_XOR_MAPPED_ADDRESS = 0x0020;
    public static final int ATTR_SOFTWARE = 0x8022;
    public static final int ATTR_FINGERPRINT = 0x8028;
    /**
     * Confero's media type of the connection: one byte, {@link MediaType#code()}, padded to 4. In the
     * comprehension-optional range (0x8000-0xFFFF) so generic STUN tooling ignores it.
     */
    public static final int ATTR_MEDIA_TYPE = 0xC0F1;

    public static final int MESSAGE_INTEGRITY_BYTES = 20;
    public static final int FINGERPRINT_XOR = 0x5354554E;

    /** Error codes used in Binding error responses (RFC 8489 section 14.8). */
    public static final int ERROR_UNAUTHENTICATED = 401;
    public static final int ERROR_STALE_NONCE = 438;

    private Stun() {
    }

    /** Whether a comprehension-required attribute (0x0000-0x7FFF) is one this codec understands. */
    static boolean isKnownRequired(int type) {
        return type == ATTR_USERNAME || type == ATTR_MESSAGE_INTEGRITY || type == ATTR_ERROR_CODE || type == ATTR_NONCE
                || type == ATTR_XOR_MAPPED_ADDRESS;
    }
}
