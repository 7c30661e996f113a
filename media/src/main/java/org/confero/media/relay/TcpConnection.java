package org.confero.media.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;

import java.net.InetSocketAddress;
import java.util.Optional;

import org.confero.protocol.media.MediaToken;
import org.confero.protocol.media.Rfc4571;

/**
 * One accepted TCP media connection, from accept to close. Binds at most one endpoint at a time; the binding dies with
 * the connection. Touched only on the channel's event loop, apart from {@link #endpoint} which the forwarding path of
 * other threads reads.
 */
public final class TcpConnection implements MediaPath {

    private final Channel channel;
    private final DscpClasses dscp;
    private volatile TcpEndpoint endpoint;

    public TcpConnection(Channel channel, DscpClasses dscp) {
        this.channel = channel;
        this.dscp = dscp;
    }

    @Override
    public TransportKind transport() {
        return TransportKind.TCP;
    }

    @Override
    public InetSocketAddress remote() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public Optional<Endpoint> bound() {
        TcpEndpoint e = endpoint;
        return e != null && e.isActive() ? Optional.of(e) : Optional.empty();
    }

    TcpEndpoint endpoint() {
        return endpoint;
    }

    public boolean isBound() {
        return bound().isPresent();
    }

    @Override
    public void send(byte[] stun, int dscpClass) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(Rfc4571.frame(stun)), channel.voidPromise());
    }

    @Override
    public Endpoint newEndpoint(Meeting meeting, MediaToken token, byte[] integrityKey, int dscpClass, long nowNanos) {
        InetSocketAddress remote = remote();
        return new TcpEndpoint(meeting, token.participantId(), token.mediaType(), channel,
                remote.getAddress().getHostAddress() + ":" + remote.getPort(), integrityKey);
    }

    @Override
    public void bound(Endpoint bound) {
        endpoint = (TcpEndpoint) bound;
        // IP_TOS is per socket: a TCP connection carries one media type, so it takes that type's DSCP at bind.
        channel.config().setOption(ChannelOption.IP_TOS, dscp.trafficClass(dscp.classOf(bound.mediaType)));
    }
}
