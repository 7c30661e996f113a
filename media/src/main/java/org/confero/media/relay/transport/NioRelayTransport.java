package org.confero.media.relay.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.Executor;

/**
 * JDK NIO, where native epoll is unavailable. UDP is served by one thread; sockets of different DSCP classes share the
 * port through the JDK's SO_REUSEPORT where the platform has it.
 */
public final class NioRelayTransport implements RelayTransport {

    private final boolean reusePort;

    public NioRelayTransport() {
        try (java.nio.channels.DatagramChannel probe = java.nio.channels.DatagramChannel.open()) {
            reusePort = probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a UDP socket", e);
        }
    }

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public boolean udpSocketPerThread() {
        return false;
    }

    @Override
    public boolean canSharePort() {
        return reusePort;
    }

    @Override
    public EventLoopGroup newEventLoopGroup(int threads, Executor executor) {
        return new NioEventLoopGroup(threads, executor);
    }

    @Override
    public DatagramChannel newDatagramChannel(InternetProtocolFamily family) {
        return new NioDatagramChannel(family);
    }

    @Override
    public ServerChannel newServerChannel(InternetProtocolFamily family) {
        return new NioServerSocketChannel(SelectorProvider.provider(), family);
    }

    @Override
    public boolean udpSegmentation() {
        return false;
    }

    @Override
    public void sharePort(Bootstrap bootstrap) {
        bootstrap.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
    }

    @Override
    public void tuneUdp(Bootstrap bootstrap, int maxDatagramBytes) {
        bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxDatagramBytes));
    }
}
