package org.confero.media.relay.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.util.concurrent.EventExecutor;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.confero.media.relay.DscpClasses;
import org.confero.media.relay.FanOut;
import org.confero.media.relay.PacketRouter;
import org.confero.media.relay.RelayConfig;
import org.confero.media.relay.UdpOut;
import org.jboss.logging.Logger;

/**
 * The relay's sockets and event loops, from bind to release.
 *
 * <p>
 * Thread model: {@code ioThreads} event loops, each running as one long task on the caller's executor (in the server,
 * the JCA WorkManager). With epoll every loop owns one UDP socket per DSCP class, all bound to the media port with
 * SO_REUSEPORT, so the kernel spreads clients over the loops by 4-tuple hash and each loop forwards what it received
 * from its own sockets without handing packets between threads. With NIO the first loop owns the UDP sockets. TCP
 * connections are spread over all loops and send UDP from their loop's sockets when it has some. Nothing blocks on an
 * event loop.
 */
public final class RelaySockets implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RelaySockets.class);
    private static final long SHUTDOWN_SECONDS = 10;

    private final EventLoopGroup group;
    private final List<UdpSocketSet> udpSets;
    private final Channel tcpServer;
    private final AtomicLong udpErrors;

    private RelaySockets(EventLoopGroup group, List<UdpSocketSet> udpSets, Channel tcpServer, AtomicLong udpErrors) {
        this.group = group;
        this.udpSets = udpSets;
        this.tcpServer = tcpServer;
        this.udpErrors = udpErrors;
    }

    /** Binds UDP and TCP; on any failure releases whatever was bound and rethrows. */
    public static RelaySockets open(RelayTransport transport, RelayConfig config, DscpClasses dscp, Executor executor,
            PacketRouter router) {
        EventLoopGroup group = transport.newEventLoopGroup(config.ioThreads(), executor);
        try {
            List<EventLoop> loops = new ArrayList<>();
            for (EventExecutor executorOfGroup : group) {
                loops.add((EventLoop) executorOfGroup);
            }
            InternetProtocolFamily family = config.bindAddress() instanceof Inet6Address ? InternetProtocolFamily.IPv6
                    : InternetProtocolFamily.IPv4;
            AtomicLong udpErrors = new AtomicLong();
            List<UdpSocketSet> sets = bindUdp(transport, config, dscp, loops, family, router, udpErrors);
            Channel tcp = bindTcp(transport, config, dscp, loops, sets, family, group, router);
            return new RelaySockets(group, sets, tcp, udpErrors);
        } catch (RuntimeException | Error e) {
            group.shutdownGracefully(0, SHUTDOWN_SECONDS, TimeUnit.SECONDS).awaitUninterruptibly(SHUTDOWN_SECONDS,
                    TimeUnit.SECONDS);
            throw e;
        }
    }

    private static List<UdpSocketSet> bindUdp(RelayTransport transport, RelayConfig config, DscpClasses dscp,
            List<EventLoop> loops, InternetProtocolFamily family, PacketRouter router, AtomicLong errors) {
        int threads = transport.udpSocketPerThread() ? loops.size() : 1;
        // Without a shareable port every class must use one socket: DSCP then follows the first class only.
        int classes = transport.canSharePort() ? dscp.count() : 1;
        if (classes < dscp.count()) {
            LOG.warnf("The %s transport cannot share a UDP port: all media types leave with DSCP %d", transport.name(),
                    dscp.codePoint(0));
        }
        boolean share = threads * classes > 1;
        int port = config.udpPort();
        List<UdpSocketSet> sets = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            EventLoop loop = loops.get(t);
            UdpSocketSet set = new UdpSocketSet(loop, dscp.count(),
                    transport.udpSegmentation() ? config.udpGsoMaxSegmentBytes() : 0, PooledByteBufAllocator.DEFAULT,
                    errors);
            FanOut out = new FanOut(set, PooledByteBufAllocator.DEFAULT);
            UdpPacketHandler handler = new UdpPacketHandler(router, out, set, errors);
            for (int c = 0; c < classes; c++) {
                Bootstrap bootstrap = new Bootstrap().group(loop)
                        .channelFactory(() -> transport.newDatagramChannel(family))
                        .option(ChannelOption.IP_TOS, dscp.trafficClass(c))
                        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, udpWaterMark(config))
                        .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT).handler(handler);
                if (config.udpReceiveBufferBytes() > 0) {
                    bootstrap.option(ChannelOption.SO_RCVBUF, config.udpReceiveBufferBytes());
                }
                if (config.udpSendBufferBytes() > 0) {
                    bootstrap.option(ChannelOption.SO_SNDBUF, config.udpSendBufferBytes());
                }
                transport.tuneUdp(bootstrap, config.maxPacketBytes() + 1);
                if (share) {
                    transport.sharePort(bootstrap);
                }
                Channel channel = bind(bootstrap.bind(new InetSocketAddress(config.bindAddress(), port)), "udp", config,
                        port);
                port = ((InetSocketAddress) channel.localAddress()).getPort();
                set.channel(c, channel);
            }
            for (int c = classes; c < dscp.count(); c++) {
                set.channel(c, set.channel(0));
            }
            sets.add(set);
        }
        return sets;
    }

    private static Channel bindTcp(RelayTransport transport, RelayConfig config, DscpClasses dscp,
            List<EventLoop> loops, List<UdpSocketSet> sets, InternetProtocolFamily family, EventLoopGroup group,
            PacketRouter router) {
        // One FanOut per loop, used only on that loop's thread. A loop without UDP sockets of its own sends from the
        // first loop's (Netty then hands the write to that loop).
        List<FanOut> fanOuts = new ArrayList<>();
        for (EventLoop loop : loops) {
            UdpOut udp = own(sets, loop) != null ? own(sets, loop) : sets.get(0);
            fanOuts.add(new FanOut(udp, PooledByteBufAllocator.DEFAULT));
        }
        ServerBootstrap bootstrap = new ServerBootstrap().group(group, group)
                .channelFactory(() -> transport.newServerChannel(family)).option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024).childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.tcpQueueBytes() / 2, config.tcpQueueBytes()))
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        int index = loops.indexOf(channel.eventLoop());
                        channel.pipeline().addLast(new Rfc4571FrameDecoder(router),
                                new TcpMediaHandler(router, dscp, fanOuts.get(Math.max(index, 0)),
                                        own(sets, channel.eventLoop()), config.tcpBindTimeout()));
                    }
                });
        if (config.tcpSendBufferBytes() > 0) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, config.tcpSendBufferBytes());
        }
        return bind(bootstrap.bind(new InetSocketAddress(config.bindAddress(), config.tcpPort())), "tcp", config,
                config.tcpPort());
    }

    private static UdpSocketSet own(List<UdpSocketSet> sets, EventLoop loop) {
        for (UdpSocketSet set : sets) {
            if (set.loop() == loop) {
                return set;
            }
        }
        return null;
    }

    private static WriteBufferWaterMark udpWaterMark(RelayConfig config) {
        // UDP sends are flushed once per read burst: the bound must hold a burst's fan-out, not just one packet.
        int high = Math.max(2 << 20, config.udpSendBufferBytes() * 2);
        return new WriteBufferWaterMark(high / 2, high);
    }

    private static Channel bind(ChannelFuture future, String what, RelayConfig config, int port) {
        future.awaitUninterruptibly();
        if (!future.isSuccess()) {
            throw new IllegalStateException("cannot bind " + what + " " + config.bindAddress().getHostAddress() + ":"
                    + port + ": " + future.cause().getMessage(), future.cause());
        }
        return future.channel();
    }

    public InetSocketAddress udpAddress() {
        return (InetSocketAddress) udpSets.get(0).channel(0).localAddress();
    }

    public InetSocketAddress tcpAddress() {
        return (InetSocketAddress) tcpServer.localAddress();
    }

    /** The first loop's UDP sockets: where consent checks and virtual endpoints send from. */
    public UdpOut defaultUdp() {
        return udpSets.get(0);
    }

    /** Where periodic relay tasks run. */
    public EventLoop scheduler() {
        return udpSets.get(0).loop();
    }

    /** Every distinct UDP channel, for inspection (tests check their IP_TOS). */
    public List<Channel> udpChannels() {
        List<Channel> channels = new ArrayList<>();
        for (UdpSocketSet set : udpSets) {
            for (int c = 0; c < set.size(); c++) {
                if (!channels.contains(set.channel(c))) {
                    channels.add(set.channel(c));
                }
            }
        }
        return channels;
    }

    /** Which channel sends a DSCP class, on the first loop. */
    public Channel udpChannel(int dscpClass) {
        return udpSets.get(0).channel(dscpClass);
    }

    /** UDP GSO sends of several segments so far, all loops (0 without GSO). */
    public long udpSegmentedSends() {
        long sends = 0;
        for (UdpSocketSet set : udpSets) {
            sends += set.segmentedSends();
        }
        return sends;
    }

    public long udpErrors() {
        return udpErrors.get();
    }

    public ByteBufAllocator allocator() {
        return PooledByteBufAllocator.DEFAULT;
    }

    /** Closes every socket and ends the event loops; returns when the ports are released (or after a bound wait). */
    @Override
    public void close() {
        tcpServer.close().awaitUninterruptibly(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        for (Channel channel : udpChannels()) {
            channel.close().awaitUninterruptibly(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        }
        for (UdpSocketSet set : udpSets) {
            set.release();
        }
        if (!group.shutdownGracefully(0, SHUTDOWN_SECONDS, TimeUnit.SECONDS).awaitUninterruptibly(SHUTDOWN_SECONDS,
                TimeUnit.SECONDS)) {
            LOG.warn("Relay event loops did not end in time");
        }
    }
}
