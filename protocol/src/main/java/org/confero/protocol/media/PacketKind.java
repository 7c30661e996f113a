package org.confero.protocol.media;

/**
 * Demultiplexing of everything that arrives on a media connection by its first byte, as RFC 7983 section 7 lays it out.
 * Only STUN and RTP/RTCP are spoken on Confero media connections; the other ranges (ZRTP, DTLS, TURN channels, QUIC)
 * are dropped.
 */
public enum PacketKind {
    /** First byte 0-3 (RFC 7983): a STUN message (RFC 8489), used for binding and consent. */
    STUN,
    /** First byte 128-191 (RFC 7983): RTP or RTCP (RFC 3550 version 2). */
    RTP_RTCP,
    /** Anything else: never forwarded, never answered. */
    OTHER;

    public static PacketKind of(int firstByte) {
        int b = firstByte & 0xFF;
        if (b <= 3) {
            return STUN;
        }
        if (b >= 128 && b <= 191) {
            return RTP_RTCP;
        }
        return OTHER;
    }
}
