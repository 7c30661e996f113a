package org.confero.cli.media;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * An RTP packet (RFC 3550, version 2, no CSRC, no extension) whose payload starts with the marker {@code CFTM}, the
 * sender's own 32-bit sequence number and its send time in microseconds since the epoch; the rest is zero filler up to
 * the requested size. The relay forwards it unchanged like any RTP. One-way delay from the send time is exact only when
 * sender and receiver share a clock (one machine, or {@code confero load}).
 */
public final class TestPacket {

    static final int MAGIC = 0x4346544D;
    static final int RTP_HEADER = 12;
    public static final int MIN_SIZE = RTP_HEADER + 16;

    private TestPacket() {
    }

    public static byte[] build(int payloadType, int ssrc, int sequence, long sentMicros, int size) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(MIN_SIZE, size));
        b.put((byte) 0x80).put((byte) (payloadType & 0x7f)).putShort((short) sequence);
        b.putInt(sequence * 960).putInt(ssrc);
        b.putInt(MAGIC).putInt(sequence).putLong(sentMicros);
        return b.array();
    }

    /** Empty for anything that is not a Confero test packet (RTCP, real media from a browser, garbage). */
    public static Optional<Received> parse(byte[] packet) {
        if (packet.length < MIN_SIZE || (packet[0] & 0xc0) != 0x80) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(packet);
        int payloadType = b.get(1) & 0x7f;
        if (payloadType >= 72 && payloadType <= 76) {
            return Optional.empty(); // RTCP (RFC 5761 demultiplexing)
        }
        if (b.getInt(RTP_HEADER) != MAGIC) {
            return Optional.empty();
        }
        return Optional.of(new Received(b.getInt(8), b.getInt(RTP_HEADER + 4), b.getLong(RTP_HEADER + 8)));
    }

    public record Received(int ssrc, int sequence, long sentMicros) {
    }
}
