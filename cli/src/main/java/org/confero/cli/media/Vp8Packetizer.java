package org.confero.cli.media;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * VP8 frames as RTP packets (RFC 3550, RFC 7741 §4.2) exactly as the web client sends them: a one-byte payload
 * descriptor with S set on the first packet of a frame and partition index 0, the marker bit on the last packet, at
 * most {@link #MAX_PACKET_BYTES} per packet (the relay drops anything over 1500 bytes).
 */
public final class Vp8Packetizer {

    public static final int MAX_PACKET_BYTES = 1200;
    public static final int PAYLOAD_TYPE = 96;
    private static final int HEADER = 12;

    private final int ssrc;
    private final int payloadType;
    private int sequence;

    public Vp8Packetizer(int ssrc, int payloadType, int firstSequence) {
        this.ssrc = ssrc;
        this.payloadType = payloadType;
        this.sequence = firstSequence;
    }

    /** The packets of one frame at RTP time {@code timestamp} (90 kHz). */
    public List<byte[]> packets(byte[] frame, int timestamp) {
        int room = MAX_PACKET_BYTES - HEADER - 1;
        List<byte[]> packets = new ArrayList<>(frame.length / room + 1);
        for (int offset = 0; offset < frame.length; offset += room) {
            int length = Math.min(room, frame.length - offset);
            boolean last = offset + room >= frame.length;
            ByteBuffer b = ByteBuffer.allocate(HEADER + 1 + length);
            b.put((byte) 0x80).put((byte) ((last ? 0x80 : 0) | (payloadType & 0x7f))).putShort((short) sequence++);
            b.putInt(timestamp).putInt(ssrc);
            b.put((byte) (offset == 0 ? 0x10 : 0x00));
            b.put(frame, offset, length);
            packets.add(b.array());
        }
        return packets;
    }
}
