package org.confero.media.relay;

import io.netty.buffer.ByteBuf;

import java.net.InetSocketAddress;

/**
 * The UDP sockets one I/O thread sends from, one per DSCP class (IP_TOS is per socket, so the class picks the socket).
 * Implemented by the transport.
 */
public interface UdpOut {

    /**
     * Hot path: queues {@code packet} to {@code to} from the socket of {@code dscpClass}. The caller keeps its own
     * reference; this retains what it queues (a retained duplicate, released by Netty once written). Returns false,
     * queuing nothing, when that socket's outbound queue is over its bound.
     */
    boolean send(int dscpClass, ByteBuf packet, InetSocketAddress to);

    /**
     * Hot path: the sends of one packet are done; the next {@link #send} is another packet. An implementation may keep
     * one copy of a packet for all its receivers until then.
     */
    default void endOfPacket() {
    }

    /** Sends a STUN message at once (not the hot path). */
    void sendControl(int dscpClass, byte[] message, InetSocketAddress to);
}
