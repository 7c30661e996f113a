package org.confero.media.relay.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.internal.ObjectPool;

import java.net.InetSocketAddress;

/**
 * A {@link DatagramPacket} that is recycled instead of allocated per copy sent. Netty's sendmmsg batching only takes
 * {@code DatagramPacket}s, whose own fields are final, so this subclass keeps its content and recipient in fields of
 * its own and answers every accessor Netty's transports use ({@code content()}, {@code recipient()}, reference
 * counting) from them. It returns to a per-thread pool when its last reference is released — by Netty's outbound
 * buffer, once the datagram has been written or dropped.
 *
 * <p>
 * Ownership: {@link #of} takes over one reference of {@code content}; the wrapper's references and the content's are
 * released together, one for one. Nothing but the send path holds it, so nothing may use it after its release.
 */
final class PooledDatagram extends DatagramPacket {

    // The superclass insists on non-null values; they are never read (every accessor is overridden).
    private static final InetSocketAddress UNUSED = InetSocketAddress.createUnresolved("unused", 1);
    private static final ObjectPool<PooledDatagram> POOL = ObjectPool.newPool(PooledDatagram::new);

    private final ObjectPool.Handle<PooledDatagram> handle;
    private ByteBuf content;
    private InetSocketAddress recipient;
    private int references;

    private PooledDatagram(ObjectPool.Handle<PooledDatagram> handle) {
        super(Unpooled.EMPTY_BUFFER, UNUSED);
        this.handle = handle;
    }

    static PooledDatagram of(ByteBuf content, InetSocketAddress recipient) {
        PooledDatagram datagram = POOL.get();
        datagram.content = content;
        datagram.recipient = recipient;
        datagram.references = 1;
        return datagram;
    }

    @Override
    public ByteBuf content() {
        return content;
    }

    @Override
    public InetSocketAddress recipient() {
        return recipient;
    }

    @Override
    public InetSocketAddress sender() {
        return null;
    }

    @Override
    public int refCnt() {
        return references;
    }

    @Override
    public DatagramPacket retain() {
        return retain(1);
    }

    @Override
    public DatagramPacket retain(int increment) {
        content.retain(increment);
        references += increment;
        return this;
    }

    @Override
    public DatagramPacket touch() {
        content.touch();
        return this;
    }

    @Override
    public DatagramPacket touch(Object hint) {
        content.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return release(1);
    }

    @Override
    public boolean release(int decrement) {
        content.release(decrement);
        references -= decrement;
        if (references > 0) {
            return false;
        }
        content = null;
        recipient = null;
        handle.recycle(this);
        return true;
    }

    // Copies are plain datagrams: only the send path uses the pooled kind.
    @Override
    public DatagramPacket copy() {
        return new DatagramPacket(content.copy(), recipient);
    }

    @Override
    public DatagramPacket duplicate() {
        return new DatagramPacket(content.duplicate(), recipient);
    }

    @Override
    public DatagramPacket retainedDuplicate() {
        return new DatagramPacket(content.retainedDuplicate(), recipient);
    }

    @Override
    public DatagramPacket replace(ByteBuf replacement) {
        return new DatagramPacket(replacement, recipient);
    }

    @Override
    public String toString() {
        return "PooledDatagram(" + recipient + ", " + (content == null ? "released" : content.readableBytes() + " B")
                + ")";
    }
}
