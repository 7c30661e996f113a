package org.confero.media.relay;

import java.nio.ByteBuffer;

/**
 * Where the relay delivers packets for a virtual endpoint (WebSocket/TLS media, HTTP tunnel, cascade link).
 *
 * <p>
 * Buffer ownership: {@code packet} (position to limit: one RTP/RTCP packet, unchanged) belongs to the relay and is
 * valid only during the call; copy what you keep, never modify it. Called on relay I/O threads, possibly on several at
 * once for packets from different senders; it must not block (queue to the real transport and return). An exception
 * drops that packet for this endpoint only and is counted as {@link DropReason#SINK_FAILED}.
 */
@FunctionalInterface
public interface VirtualSink {

    void accept(ByteBuffer packet);

    /**
     * The relay unbound this endpoint (revoked, replaced by a newer binding, meeting closed, relay stopped): no packet
     * follows. Called once, at once, on the thread that unbound it; not called when the owner detaches the endpoint
     * itself. {@code reason} is short text fit for a WebSocket close reason (e.g. {@link RelayEvent#REVOKED},
     * {@link RelayEvent#MEETING_CLOSED}). Must not block.
     */
    default void closed(String reason) {
    }
}
