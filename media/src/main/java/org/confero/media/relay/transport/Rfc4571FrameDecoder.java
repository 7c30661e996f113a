package org.confero.media.relay.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

import org.confero.media.relay.PacketRouter;

/**
 * RFC 4571 deframing: a 16-bit big-endian length, then that many bytes. Split and coalesced frames are both fine (the
 * cumulation buffer holds at most one maximum-size frame). A frame longer than the relay's maximum is reported and
 * skipped as it streams past, never buffered, and the connection goes on.
 */
final class Rfc4571FrameDecoder extends ByteToMessageDecoder {

    private final PacketRouter router;
    private final int maxFrame;
    private int skip;

    Rfc4571FrameDecoder(PacketRouter router) {
        this.router = router;
        this.maxFrame = router.maxPacketBytes();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            if (skip > 0) {
                int n = Math.min(skip, in.readableBytes());
                in.skipBytes(n);
                skip -= n;
                if (skip > 0) {
                    return;
                }
            }
            if (in.readableBytes() < 2) {
                return;
            }
            int length = in.getUnsignedShort(in.readerIndex());
            if (length > maxFrame) {
                in.skipBytes(2);
                skip = length;
                router.onTcpOversize(length);
                continue;
            }
            if (in.readableBytes() < 2 + length) {
                return;
            }
            in.skipBytes(2);
            // Ownership: the retained slice passes to the next handler, which releases it.
            out.add(in.readRetainedSlice(length));
        }
    }
}
