package org.confero.media.relay.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;

import java.util.concurrent.Executor;

/**
 * The I/O transport the relay runs on: Netty's native epoll where it loads, JDK NIO otherwise. A factory so that tests
 * run one body against both (Netty's own testsuite style).
 */
public interface RelayTransport {

    String name();

    /**
     * Whether several UDP sockets can share the media port (SO_REUSEPORT) so that each I/O thread gets its own. NIO
     * serves UDP from one thread.
     */
    boolean udpSocketPerThread();

    /** Whether sockets of different DSCP classes can share the port; without it all classes use one socket. */
    boolean canSharePort();

    /** Event loops run as tasks on {@code executor}: the relay never creates threads itself. */
    EventLoopGroup newEventLoopGroup(int threads, Executor executor);

    DatagramChannel newDatagramChannel(InternetProtocolFamily family);

    ServerChannel newServerChannel(InternetProtocolFamily family);

    /** Lets the bootstrap's socket share its port (SO_REUSEPORT); the kernel spreads datagrams by 4-tuple hash. */
    void sharePort(Bootstrap bootstrap);

    /**
     * Whether UDP sockets take GSO sends (UDP_SEGMENT, Linux 4.18+, with sendmmsg): one send the kernel cuts into equal
     * segments.
     */
    boolean udpSegmentation();

    /** Transport-specific UDP receive tuning (epoll: recvmmsg batching). */
    void tuneUdp(Bootstrap bootstrap, int maxDatagramBytes);

    /** Native epoll when {@code Epoll.isAvailable()}, else NIO. */
    static RelayTransport best() {
        return Epoll.isAvailable() ? new EpollRelayTransport() : new NioRelayTransport();
    }
}
