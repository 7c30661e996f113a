package org.confero.media.relay.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;

import java.util.concurrent.Executor;

/** Netty's native epoll transport (JNI): SO_REUSEPORT, recvmmsg/sendmmsg batching. Linux only. */
public final class EpollRelayTransport implements RelayTransport {

    /**
     * Datagrams read per recvmmsg call, and per read burst: the sends of a burst are flushed together (sendmmsg, and
     * GSO runs of up to this many packets). As the reference C relay batches.
     */
    private static final int DATAGRAMS_PER_READ = 64;

    public EpollRelayTransport() {
        Epoll.ensureAvailability();
    }

    @Override
    public String name() {
        return "epoll";
    }

    @Override
    public boolean udpSocketPerThread() {
        return true;
    }

    @Override
    public boolean canSharePort() {
        return true;
    }

    @Override
    public EventLoopGroup newEventLoopGroup(int threads, Executor executor) {
        return new EpollEventLoopGroup(threads, executor);
    }

    @Override
    public DatagramChannel newDatagramChannel(InternetProtocolFamily family) {
        return new EpollDatagramChannel(family);
    }

    @Override
    public ServerChannel newServerChannel(InternetProtocolFamily family) {
        return new EpollServerSocketChannel(family);
    }

    @Override
    public boolean udpSegmentation() {
        return EpollDatagramChannel.isSegmentedDatagramPacketSupported();
    }

    @Override
    public void sharePort(Bootstrap bootstrap) {
        bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
    }

    @Override
    public void tuneUdp(Bootstrap bootstrap, int maxDatagramBytes) {
        // recvmmsg: one buffer split into slots of maxDatagramBytes. A longer datagram is cut to its slot, so a
        // slot one byte larger than the relay's maximum makes oversize datagrams recognisable by their length.
        bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, maxDatagramBytes);
        bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR,
                new FixedRecvByteBufAllocator(maxDatagramBytes * DATAGRAMS_PER_READ)
                        .maxMessagesPerRead(DATAGRAMS_PER_READ));
    }
}
