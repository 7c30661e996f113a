package org.confero.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.ByteBuffer;

/**
 * The JCA layer's side of a virtual endpoint: inject the packets it receives from its participant; packets for the
 * participant go to the {@link VirtualSink} given at attach time. Forwarded to and from like any other participant.
 */
public final class VirtualEndpointHandle implements AutoCloseable {

    private final VirtualEndpoint endpoint;
    private final PacketRouter router;
    private final EndpointRegistry registry;
    private final ByteBufAllocator allocator;
    private final FanOut out;

    VirtualEndpointHandle(VirtualEndpoint endpoint, PacketRouter router, EndpointRegistry registry,
            ByteBufAllocator allocator, FanOut out) {
        this.endpoint = endpoint;
        this.router = router;
        this.registry = registry;
        this.allocator = allocator;
        this.out = out;
    }

    /**
     * Forwards one RTP/RTCP packet (position to limit) from this participant to the others. Copies it: the caller keeps
     * its buffer, whose position is left unchanged. Call from one thread at a time (a WebSocket session delivers
     * sequentially); different handles may be used concurrently. Dropped and counted once the endpoint is unbound.
     */
    public void send(ByteBuffer packet) {
        int position = packet.position();
        ByteBuf copy = allocator.directBuffer(packet.remaining(), packet.remaining());
        try {
            copy.writeBytes(packet);
            packet.position(position);
            // Ownership: the copy is ours; receivers that queue it take retained duplicates, so it is released here.
            router.onVirtual(endpoint, copy, out);
        } finally {
            copy.release();
        }
    }

    /** False once revoked, replaced by another binding of the participant, detached or the meeting closed. */
    public boolean isBound() {
        return endpoint.isActive();
    }

    /** Detaches the endpoint (the participant left this path). */
    @Override
    public void close() {
        endpoint.detachedByOwner();
        registry.unbind(endpoint, RelayEvent.Type.LEFT, "detached");
    }
}
