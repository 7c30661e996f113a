package org.confero.client.media;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.IntConsumer;

import org.confero.protocol.media.Rfc4571;

/**
 * Packets over a byte stream with RFC 4571 framing ({@link Rfc4571}). Reads go through the protocol's incremental
 * deframer, so a read timeout in the middle of a frame loses nothing: the partial frame waits for the next read. Writes
 * are whole frames under a lock, so two senders never interleave their bytes. One reader at a time.
 */
final class FramedStream {

    private final InputStream in;
    private final OutputStream out;
    private final IntConsumer readTimeout;
    private final Rfc4571.Deframer deframer = new Rfc4571.Deframer(Rfc4571.MAX_FRAME);
    private final Deque<byte[]> complete = new ArrayDeque<>();
    private final byte[] buffer = new byte[8192];
    private final Object writeLock = new Object();

    /**
     * @param readTimeout
     *            sets the stream's read timeout in milliseconds (a socket's SO_TIMEOUT)
     */
    FramedStream(InputStream in, OutputStream out, IntConsumer readTimeout) {
        this.in = in;
        this.out = out;
        this.readTimeout = readTimeout;
    }

    void write(byte[] packet) throws IOException {
        byte[] frame = Rfc4571.frame(packet);
        synchronized (writeLock) {
            out.write(frame);
            out.flush();
        }
    }

    /** The next whole packet; empty when none completed in time; {@link EOFException} when the peer closed. */
    Optional<byte[]> read(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (complete.isEmpty()) {
            long remaining = (deadline - System.nanoTime()) / 1_000_000;
            if (remaining <= 0) {
                return Optional.empty();
            }
            readTimeout.accept((int) Math.min(Integer.MAX_VALUE, remaining));
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            if (n < 0) {
                throw new EOFException("stream closed by the peer");
            }
            deframer.feed(ByteBuffer.wrap(buffer, 0, n), frame -> {
                byte[] packet = new byte[frame.remaining()];
                frame.get(packet);
                complete.add(packet);
            });
        }
        return Optional.of(complete.poll());
    }
}
