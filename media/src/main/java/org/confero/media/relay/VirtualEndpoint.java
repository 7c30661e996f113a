package org.confero.media.relay;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;

import org.confero.protocol.media.MediaType;
import org.jboss.logging.Logger;

/** A participant whose media arrives and leaves through the JCA layer (WebSocket, tunnel, cascade link). */
final class VirtualEndpoint extends Endpoint {

    private static final Logger LOG = Logger.getLogger(VirtualEndpoint.class);

    private final VirtualSink sink;
    private final VirtualVia via;
    /** Set when the owner detaches the endpoint itself: it knows, so its sink is not told. */
    private volatile boolean detachedByOwner;

    VirtualEndpoint(Meeting meeting, String participantId, MediaType mediaType, VirtualVia via, VirtualSink sink) {
        super(meeting, participantId, mediaType);
        this.sink = sink;
        this.via = via;
    }

    VirtualVia via() {
        return via;
    }

    @Override
    TransportKind transport() {
        return TransportKind.VIRTUAL;
    }

    @Override
    String remote() {
        return "";
    }

    @Override
    void deliver(ByteBuf packet, FanOut out) {
        int length = packet.readableBytes();
        // A single-buffer packet lends its internal NIO view (no allocation); the sink may read it during the call
        // only (see VirtualSink).
        ByteBuffer view = packet.nioBufferCount() == 1 ? packet.internalNioBuffer(packet.readerIndex(), length)
                : packet.nioBuffer();
        try {
            sink.accept(view);
            out.sent(length);
        } catch (RuntimeException e) {
            out.sinkFailed();
        }
    }

    void detachedByOwner() {
        detachedByOwner = true;
    }

    /** Issue 18: a revoked WebSocket must stop receiving at once, so its owner is told to close it. */
    @Override
    void released(String detail) {
        if (detachedByOwner) {
            return;
        }
        try {
            sink.closed(detail);
        } catch (RuntimeException e) {
            LOG.debugf(e, "Virtual endpoint sink of %s/%s failed on close", meeting.id, participantId);
        }
    }
}
