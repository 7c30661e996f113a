package org.confero.client.media;

import java.net.SocketException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every transport's connection shares: the received packets in an {@link InboundQueue} (or handed straight to a
 * receiver) and the open flag the reader and the senders check.
 */
abstract class QueuedMediaConnection implements MediaConnection {

    protected final InboundQueue inbound = new InboundQueue();
    protected volatile boolean open = true;

    /** For {@link #send}: refuses once the connection is closed. */
    protected final void ensureOpen() throws SocketException {
        if (!open) {
            throw new SocketException("media connection closed");
        }
    }

    @Override
    public Optional<byte[]> receive(Duration timeout) throws InterruptedException {
        return inbound.poll(timeout);
    }

    @Override
    public void deliverTo(Consumer<byte[]> receiver) {
        inbound.deliverTo(receiver);
    }

    @Override
    public boolean isOpen() {
        return open;
    }
}
