package org.confero.media.relay;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;

import org.confero.protocol.media.MediaType;

/** A participant whose media arrives and leaves through the JCA layer (WebSocket, tunnel, cascade link). */
final class VirtualEndpoint extends Endpoint {

    private final VirtualSink sink;

    VirtualEndpoint(Meeting meeting, String participantId, MediaType mediaType, VirtualSink sink) {
        super(meeting, participantId, mediaType);
        this.sink = sink;
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
}
