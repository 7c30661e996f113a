package org.confero.media.relay.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.confero.media.relay.DscpClasses;
import org.confero.media.relay.FanOut;
import org.confero.media.relay.PacketRouter;
import org.confero.media.relay.TcpConnection;
import org.jboss.logging.Logger;

/**
 * One TCP media connection after deframing. A connection that has not bound within the bind timeout is closed, so idle
 * unauthenticated connections cannot pile up.
 */
final class TcpMediaHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(TcpMediaHandler.class);

    private final PacketRouter router;
    private final DscpClasses dscp;
    private final FanOut out;
    /** This loop's UDP sockets when it has its own (flushed per read burst), else null. */
    private final UdpSocketSet ownSockets;
    private final Duration bindTimeout;
    private TcpConnection connection;
    private ScheduledFuture<?> bindDeadline;

    TcpMediaHandler(PacketRouter router, DscpClasses dscp, FanOut out, UdpSocketSet ownSockets, Duration bindTimeout) {
        this.router = router;
        this.dscp = dscp;
        this.out = out;
        this.ownSockets = ownSockets;
        this.bindTimeout = bindTimeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection = new TcpConnection(ctx.channel(), dscp);
        bindDeadline = ctx.executor().schedule(() -> {
            if (!connection.isBound()) {
                ctx.close();
            }
        }, bindTimeout.toNanos(), TimeUnit.NANOSECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            router.onTcp(connection, frame, out);
        } finally {
            frame.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (ownSockets != null) {
            ownSockets.flush();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (bindDeadline != null) {
            bindDeadline.cancel(false);
        }
        if (connection != null) {
            router.onTcpClosed(connection);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            LOG.debugf(cause, "TCP media connection %s failed", ctx.channel().remoteAddress());
        }
        ctx.close();
    }
}
