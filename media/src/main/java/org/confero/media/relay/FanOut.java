package org.confero.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Scratch state for forwarding one packet to every receiver, reused for every packet of one thread (an I/O thread, or
 * the one thread that injects for a virtual endpoint). Confined to that thread, so it needs no synchronisation, and
 * per-copy counts are added to the shared counters once per packet rather than once per copy.
 */
public final class FanOut {

    private final UdpOut udp;
    private final ByteBufAllocator allocator;
    /** The packet with its RFC 4571 length prefix, built on the first TCP receiver and shared by all of them. */
    private ByteBuf framed;
    private int copies;
    private long bytes;
    private int queueFull;
    private int sinkFailed;

    public FanOut(UdpOut udp, ByteBufAllocator allocator) {
        this.udp = udp;
        this.allocator = allocator;
    }

    public UdpOut udp() {
        return udp;
    }

    /** Owned by this FanOut until {@link #finish}; receivers queue retained duplicates of it. */
    ByteBuf framed(ByteBuf packet) {
        if (framed == null) {
            int length = packet.readableBytes();
            framed = allocator.directBuffer(length + 2, length + 2);
            framed.writeShort(length);
            framed.writeBytes(packet, packet.readerIndex(), length);
        }
        return framed;
    }

    void sent(int length) {
        copies++;
        bytes += length;
    }

    void queueFull() {
        queueFull++;
    }

    void sinkFailed() {
        sinkFailed++;
    }

    /** Copies sent since the last {@link #finish}, for counts kept beside the meeting's and the relay's. */
    long pendingCopies() {
        return copies;
    }

    long pendingBytes() {
        return bytes;
    }

    void finish(int length, Counters meeting, Counters total) {
        udp.endOfPacket();
        if (framed != null) {
            framed.release();
            framed = null;
        }
        if (copies > 0) {
            meeting.sent(copies, bytes);
            total.sent(copies, bytes);
            copies = 0;
            bytes = 0;
        }
        if (queueFull > 0) {
            meeting.dropped(DropReason.QUEUE_FULL, queueFull, (long) queueFull * length);
            total.dropped(DropReason.QUEUE_FULL, queueFull, (long) queueFull * length);
            queueFull = 0;
        }
        if (sinkFailed > 0) {
            meeting.dropped(DropReason.SINK_FAILED, sinkFailed, (long) sinkFailed * length);
            total.dropped(DropReason.SINK_FAILED, sinkFailed, (long) sinkFailed * length);
            sinkFailed = 0;
        }
    }
}
