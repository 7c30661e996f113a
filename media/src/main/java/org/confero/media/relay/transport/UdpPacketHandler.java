package org.confero.media.relay.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.atomic.AtomicLong;

import org.confero.media.relay.FanOut;
import org.confero.media.relay.PacketRouter;
import org.jboss.logging.Logger;

/**
 * Receives datagrams on the UDP sockets of one event loop (shared by that loop's sockets, hence only ever called on one
 * thread) and flushes that loop's sends once per read burst.
 */
@Sharable
final class UdpPacketHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(UdpPacketHandler.class);

    private final PacketRouter router;
    private final FanOut out;
    private final UdpSocketSet sockets;
    private final AtomicLong errors;

    UdpPacketHandler(PacketRouter router, FanOut out, UdpSocketSet sockets, AtomicLong errors) {
        this.router = router;
        this.out = out;
        this.sockets = sockets;
        this.errors = errors;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket datagram)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        // Ownership: the datagram is ours until released here; the router keeps nothing of it.
        try {
            router.onUdp(datagram.content(), datagram.sender(), out);
        } finally {
            datagram.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        sockets.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Send errors of unconnected UDP (ICMP-induced, full buffers) surface here. Counted; logged rarely so a
        // flood of them cannot become a flood of log lines.
        long n = errors.incrementAndGet();
        if (Long.bitCount(n) == 1) {
            LOG.debugf(cause, "UDP socket error #%d on %s", n, ctx.channel().localAddress());
        }
    }
}
