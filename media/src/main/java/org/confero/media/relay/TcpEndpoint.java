package org.confero.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import org.confero.protocol.media.MediaType;

/** A participant bound on a TCP connection (RFC 4571 framing); unbound when the connection closes. */
final class TcpEndpoint extends Endpoint {

    private final Channel channel;
    private final String remote;
    private final byte[] integrityKey;

    TcpEndpoint(Meeting meeting, String participantId, MediaType mediaType, Channel channel, String remote,
            byte[] integrityKey) {
        super(meeting, participantId, mediaType);
        this.channel = channel;
        this.remote = remote;
        this.integrityKey = integrityKey;
    }

    @Override
    byte[] integrityKey() {
        return integrityKey;
    }

    Channel channel() {
        return channel;
    }

    @Override
    TransportKind transport() {
        return TransportKind.TCP;
    }

    @Override
    String remote() {
        return remote;
    }

    @Override
    void deliver(ByteBuf packet, FanOut out) {
        // The bound per receiver: Netty counts queued bytes, including writes still travelling to the channel's event
        // loop, against the write-buffer high water mark (RelayConfig.tcpQueueBytes). A slow reader loses its own
        // packets and holds up no one else.
        if (!channel.isWritable()) {
            out.queueFull();
            return;
        }
        // Ownership: the framed copy belongs to the FanOut; the channel gets a retained duplicate that Netty releases
        // once written (or on close).
        channel.writeAndFlush(out.framed(packet).retainedDuplicate(), channel.voidPromise());
        out.sent(packet.readableBytes());
    }

    @Override
    void released(String detail) {
        channel.close();
    }
}
