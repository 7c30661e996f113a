package org.confero.protocol.media;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * RTP and RTCP over connection-oriented transport (RFC 4571): each packet is preceded by its length as a 16-bit
 * big-endian unsigned integer, nothing else. Used on TCP 8801 for STUN and media alike.
 */
public final class Rfc4571 {

    public static final int HEADER_BYTES = 2;
    public static final int MAX_FRAME = 0xFFFF;

    private Rfc4571() {
    }

    public static byte[] frame(byte[] packet) {
        if (packet.length > MAX_FRAME) {
            throw new IllegalArgumentException("RFC 4571 frames carry at most 65535 bytes");
        }
        byte[] framed = new byte[HEADER_BYTES + packet.length];
        framed[0] = (byte) (packet.length >>> 8);
        framed[1] = (byte) packet.length;
        System.arraycopy(packet, 0, framed, HEADER_BYTES, packet.length);
        return framed;
    }

    /**
     * Incremental deframer for a byte stream that arrives in arbitrary pieces (split and coalesced frames alike).
     * Frames longer than {@code maxFrame} are skipped, not delivered, and counted; zero-length frames are skipped too.
     * Not thread-safe: one per connection.
     */
    public static final class Deframer {
        private final int maxFrame;
        private final ByteBuffer partial;
        /** Length of the frame being read, or -1 while reading a length prefix. */
        private int frameLength = -1;
        private int prefix;
        private int prefixBytes;
        private int skip;
        private long oversize;

        public Deframer(int maxFrame) {
            if (maxFrame < 1 || maxFrame > MAX_FRAME) {
                throw new IllegalArgumentException("maxFrame must be 1..65535");
            }
            this.maxFrame = maxFrame;
            this.partial = ByteBuffer.allocate(maxFrame);
        }

        /**
         * Consumes all of {@code in}; each complete frame goes to {@code frames} as a read-only buffer that is only
         * valid during the call.
         */
        public void feed(ByteBuffer in, Consumer<ByteBuffer> frames) {
            while (in.hasRemaining()) {
                if (skip > 0) {
                    int n = Math.min(skip, in.remaining());
                    in.position(in.position() + n);
                    skip -= n;
                } else if (frameLength < 0) {
                    prefix = (prefix << 8) | (in.get() & 0xFF);
                    if (++prefixBytes == HEADER_BYTES) {
                        startFrame(prefix & 0xFFFF);
                        prefix = 0;
                        prefixBytes = 0;
                    }
                } else {
                    int n = Math.min(frameLength - partial.position(), in.remaining());
                    ByteBuffer piece = in.slice();
                    piece.limit(n);
                    partial.put(piece);
                    in.position(in.position() + n);
                    if (partial.position() == frameLength) {
                        partial.flip();
                        frames.accept(partial.asReadOnlyBuffer());
                        partial.clear();
                        frameLength = -1;
                    }
                }
            }
        }

        private void startFrame(int length) {
            if (length > maxFrame) {
                oversize++;
                skip = length;
            } else if (length > 0) {
                frameLength = length;
            }
        }

        public long oversizeFrames() {
            return oversize;
        }
    }
}
