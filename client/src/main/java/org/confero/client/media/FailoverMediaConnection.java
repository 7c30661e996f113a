package org.confero.client.media;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * <p>
 * It also moves to a better transport of the same router ({@link #switchTo}, the UDP upgrade) make-before-break: sends
 * go to the new connection at once, while the old one keeps delivering what was already on its way until the caller
 * retires it. Every connection underneath delivers into this connection's own queue (or the application's receiver), so
 * nothing received on either is lost in the move.
 */
public final class FailoverMediaConnection implements MediaConnection {

    private final Object lock = new Object();
    private final AtomicLong dropped = new AtomicLong();
    private final InboundQueue inbound = new InboundQueue();
    /** Connections replaced by {@link #switchTo} and not yet retired; written under {@link #lock}. */
    private final List<MediaConnection> retiring = new ArrayList<>(1);

    /** Null while no router carries this media type; written under {@link #lock}. */
    private volatile MediaConnection current;
    /** The current connection's transport, or the last one's while detached. */
    private volatile Transport transport;
    private volatile boolean closed;

    public FailoverMediaConnection(MediaConnection first) {
        this.current = first;
        this.transport = first.transport();
        first.deliverTo(inbound::offer);
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
                next.deliverTo(inbound::offer);
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

    /**
     * Moves to {@code better} (same router, better transport) make-before-break: sends go to it from now on, and what
     * arrives on either connection reaches the application. Returns the connection it replaced, which keeps receiving
     * until the caller hands it to {@link #retire} — once what was on its way has arrived. Empty (and {@code better}
     * closed) when there is nothing to move: the connection is closed, or detached by a router failover.
     */
    public Optional<MediaConnection> switchTo(MediaConnection better) {
        MediaConnection replaced;
        synchronized (lock) {
            replaced = current;
            if (closed || replaced == null) {
                replaced = null;
            } else {
                better.deliverTo(inbound::offer);
                current = better;
                transport = better.transport();
                retiring.add(replaced);
                lock.notifyAll();
            }
        }
        if (replaced == null) {
            better.close();
        }
        return Optional.ofNullable(replaced);
    }

    /** Closes a connection {@link #switchTo} replaced. */
    public void retire(MediaConnection replaced) {
        synchronized (lock) {
            retiring.remove(replaced);
        }
        replaced.close();
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

    /** The next packet from whichever router's connection carried it, waiting at most {@code timeout}. */
    @Override
    public Optional<byte[]> receive(Duration timeout) throws InterruptedException {
        return inbound.poll(timeout);
    }

    /** Probes the current connection's path (issue 22); nothing while there is none. */
    @Override
    public void probeRoundTrip() {
        MediaConnection c = current;
        if (c != null) {
            c.probeRoundTrip();
        }
    }

    /** The current connection's round trip: a path that was replaced says nothing about this one. */
    @Override
    public java.util.OptionalDouble roundTripMillis() {
        MediaConnection c = current;
        return c == null ? java.util.OptionalDouble.empty() : c.roundTripMillis();
    }

    /** Hands packets to {@code receiver} from every connection, current, replaced or attached later. */
    @Override
    public void deliverTo(Consumer<byte[]> receiver) {
        inbound.deliverTo(receiver);
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        List<MediaConnection> toClose = new ArrayList<>(2);
        synchronized (lock) {
            closed = true;
            if (current != null) {
                toClose.add(current);
            }
            current = null;
            toClose.addAll(retiring);
            retiring.clear();
            lock.notifyAll();
        }
        toClose.forEach(MediaConnection::close);
    }
}
