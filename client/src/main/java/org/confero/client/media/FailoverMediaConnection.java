package org.confero.client.media;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One media type's connection as the application holds it while routers come and go: it speaks through the connection
 * to the current router, which a router failover replaces ({@link #detach}, then {@link #attach}). What the application
 * set up carries over — the {@link #deliverTo} receiver is handed to every new connection. Between losing one router
 * and binding to the next, sent packets are dropped and counted ({@link #droppedPackets}) rather than failed: late
 * real-time media is worth nothing, and a sender should not stop over a gap the failover closes by itself.
 * <p>
 * It stays {@linkplain #isOpen open} across failovers, until the application closes it.
 */
public final class FailoverMediaConnection implements MediaConnection {

    private final Object lock = new Object();
    private final AtomicLong dropped = new AtomicLong();

    /** Null while no router carries this media type; written under {@link #lock}. */
    private volatile MediaConnection current;
    /** The current connection's transport, or the last one's while detached. */
    private volatile Transport transport;
    private volatile boolean closed;
    private Consumer<byte[]> receiver;

    public FailoverMediaConnection(MediaConnection first) {
        this.current = first;
        this.transport = first.transport();
    }

    /**
     * Carries on over {@code next} (closing the connection it replaces). Once this connection is closed, {@code next}
     * is closed instead and false returned: a failover finishing after the application left must not leak a socket.
     */
    public boolean attach(MediaConnection next) {
        MediaConnection unwanted;
        boolean taken;
        synchronized (lock) {
            taken = !closed;
            if (taken) {
                if (receiver != null) {
                    next.deliverTo(receiver);
                }
                unwanted = current == next ? null : current;
                current = next;
                transport = next.transport();
                lock.notifyAll();
            } else {
                unwanted = next;
            }
        }
        if (unwanted != null) {
            unwanted.close();
        }
        return taken;
    }

    /** The router is gone: lets go of its connection; sends are dropped until the next {@link #attach}. */
    public void detach() {
        MediaConnection gone;
        synchronized (lock) {
            gone = current;
            current = null;
        }
        if (gone != null) {
            gone.close();
        }
    }

    /** True while a router's connection carries this media type. */
    public boolean attached() {
        return current != null;
    }

    /** Packets sent while no router carried this media type, since the connection was made. */
    public long droppedPackets() {
        return dropped.get();
    }

    @Override
    public Transport transport() {
        return transport;
    }

    /** Sends on the current connection; while there is none, drops and counts the packet. */
    @Override
    public void send(byte[] rtp) throws IOException {
        MediaConnection c = current;
        if (c == null) {
            dropped.incrementAndGet();
            return;
        }
        try {
            c.send(rtp);
        } catch (IOException e) {
            if (current == c) {
                throw e;
            }
            // The failover let go of that connection while the packet was on its way: a gap, not a failure.
            dropped.incrementAndGet();
        }
    }

    /** Waits for a router's connection too, while there is none, all within {@code timeout}. */
    @Override
    public Optional<byte[]> receive(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        MediaConnection c = awaitAttached(deadline);
        if (c == null) {
            return Optional.empty();
        }
        return c.receive(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    private MediaConnection awaitAttached(long deadline) throws InterruptedException {
        synchronized (lock) {
            while (current == null && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return current;
        }
    }

    /** Hands packets to {@code receiver} from the current connection and from every connection attached later. */
    @Override
    public void deliverTo(Consumer<byte[]> receiver) {
        MediaConnection c;
        synchronized (lock) {
            this.receiver = receiver;
            c = current;
        }
        if (c != null) {
            c.deliverTo(receiver);
        }
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        MediaConnection c;
        synchronized (lock) {
            closed = true;
            c = current;
            current = null;
            lock.notifyAll();
        }
        if (c != null) {
            c.close();
        }
    }
}
