package org.confero.web.rest;

import jakarta.ws.rs.ClientErrorException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that may hold at most {@code limit} bytes. Reading past the limit throws
 * {@link PayloadTooLargeException}, which the exception mappers turn into a 413 however deep in a message body reader
 * it was thrown. Mark and reset are not offered, so every byte is counted once.
 */
final class BoundedEntityStream extends FilterInputStream {

    private final long limit;
    private long remaining;

    BoundedEntityStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
        this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
        if (remaining == 0) {
            return endOrTooLarge();
        }
        int b = in.read();
        if (b >= 0) {
            remaining--;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (remaining == 0) {
            return endOrTooLarge();
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        if (remaining == 0) {
            endOrTooLarge();
            return 0;
        }
        long skipped = in.skip(Math.min(n, remaining));
        remaining -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), remaining);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readLimit) {
        // not supported: see markSupported()
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    // At the limit: a body of exactly the limit is fine, one more byte is not.
    private int endOrTooLarge() throws IOException {
        if (in.read() < 0) {
            return -1;
        }
        throw new PayloadTooLargeException(limit);
    }

    /** The body passed the limit while being read. */
    static final class PayloadTooLargeException extends ClientErrorException {

        private static final long serialVersionUID = 1L;

        PayloadTooLargeException(long limit) {
            super(Problems.response(BodySizeLimit.tooLarge(limit)));
        }
    }
}
