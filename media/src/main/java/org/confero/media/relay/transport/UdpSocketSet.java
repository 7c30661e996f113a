package org.confero.media.relay.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

import org.confero.media.relay.UdpOut;

/**
 * The UDP sockets of one event loop, one per DSCP class, all bound to the media port. Writes from the loop's own thread
 * are queued and flushed once per read burst ({@link #flush}, called from channelReadComplete) so the epoll transport
 * can hand the whole burst to one sendmmsg; where the transport has UDP GSO, a {@link GsoCoalescer} first merges the
 * burst's packets to one destination into one send. Writes from other threads (virtual endpoints) flush at once.
 */
final class UdpSocketSet implements UdpOut {

    private final EventLoop loop;
    private final Channel[] byClass;
    /** Null without GSO. Confined to the loop's thread. */
    private final GsoCoalescer coalescer;
    /** Confined to the loop's thread. */
    private boolean dirty;

    /**
     * @param gsoMaxSegmentBytes
     *            the longest packet sent with UDP GSO; 0 where the transport has no GSO or it is turned off
     */
    UdpSocketSet(EventLoop loop, int classes, int gsoMaxSegmentBytes, ByteBufAllocator allocator, AtomicLong errors) {
        this.loop = loop;
        this.byClass = new Channel[classes];
        this.coalescer = gsoMaxSegmentBytes > 0 ? new GsoCoalescer(byClass, allocator, errors, gsoMaxSegmentBytes)
                : null;
    }

    EventLoop loop() {
        return loop;
    }

    void channel(int dscpClass, Channel channel) {
        byClass[dscpClass] = channel;
    }

    Channel channel(int dscpClass) {
        return byClass[dscpClass];
    }

    int size() {
        return byClass.length;
    }

    @Override
    public boolean send(int dscpClass, ByteBuf packet, InetSocketAddress to) {
        Channel channel = byClass[dscpClass];
        if (!channel.isWritable()) {
            return false;
        }
        if (coalescer != null && loop.inEventLoop()) {
            // The coalescer writes to the channel when the burst ends, so the outbound bound checked above can be
            // passed by at most one burst's sends (64 packets per receiver); the next burst then finds it full.
            coalescer.add(dscpClass, packet, to);
            dirty = true;
            return true;
        }
        // Ownership: the duplicate's reference goes, inside a pooled envelope (PooledDatagram: no allocation per copy),
        // to Netty's outbound buffer, which releases both once sent; the payload itself is shared, never copied.
        DatagramPacket datagram = PooledDatagram.of(packet.retainedDuplicate(), to);
        if (loop.inEventLoop()) {
            channel.write(datagram, channel.voidPromise());
            dirty = true;
        } else {
            channel.writeAndFlush(datagram, channel.voidPromise());
        }
        return true;
    }

    @Override
    public void endOfPacket() {
        if (coalescer != null && loop.inEventLoop()) {
            coalescer.endOfPacket();
        }
    }

    @Override
    public void sendControl(int dscpClass, byte[] message, InetSocketAddress to) {
        Channel channel = byClass[dscpClass];
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(message), to), channel.voidPromise());
    }

    /** On the loop's thread: flush what this burst queued. */
    void flush() {
        if (dirty) {
            dirty = false;
            if (coalescer != null) {
                coalescer.drain();
            }
            for (Channel channel : byClass) {
                channel.flush();
            }
        }
    }

    /** GSO sends of several segments so far, 0 without GSO (tests). */
    long segmentedSends() {
        return coalescer == null ? 0 : coalescer.segmentedSends();
    }

    /** Once the sockets are closed: gives back the coalescer's staging buffer, on the loop's thread. */
    void release() {
        if (coalescer != null && !loop.isShuttingDown()) {
            loop.execute(coalescer::close);
        }
    }
}
