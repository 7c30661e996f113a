package org.confero.cli.media;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.confero.client.media.MediaConnection;

/**
 * Sends every stream's test packets at its rate from one thread: each stream is owed {@code elapsed × rate} packets and
 * gets what it is owed on every 2 ms tick. After a stall (a GC pause, a busy machine) a stream catches up by at most
 * {@link #MAX_BURST} packets per tick rather than flooding the relay.
 */
public final class Pacer {

    static final int MAX_BURST = 8;
    private static final long TICK_NANOS = 2_000_000;

    private final List<Stream> streams;
    private final BooleanSupplier sending;
    private final AtomicLong sendErrors = new AtomicLong();

    public Pacer(List<Stream> streams) {
        this(streams, () -> true);
    }

    /**
     * Issue 23: sends only while {@code sending} says so — a webinar attendee's streams start when a host promotes it
     * and pause when it is demoted. Paused, a stream owes nothing: it resumes at its rate, without a burst.
     */
    public Pacer(List<Stream> streams, BooleanSupplier sending) {
        this.streams = List.copyOf(streams);
        this.sending = sending;
    }

    /** Sends until {@code keepGoing} says stop; the caller's thread does the work. */
    public void run(BooleanSupplier keepGoing) {
        long start = System.nanoTime();
        while (keepGoing.getAsBoolean()) {
            long elapsed = System.nanoTime() - start;
            boolean on = sending.getAsBoolean();
            for (Stream s : streams) {
                long owed = elapsed * s.profile.packetsPerSecond() / 1_000_000_000L;
                if (!on) {
                    s.sent = owed;
                    continue;
                }
                for (int burst = 0; s.sent < owed && burst < MAX_BURST; burst++) {
                    send(s);
                }
                if (s.sent < owed - MAX_BURST) {
                    s.sent = owed - MAX_BURST; // forgive a long stall instead of bursting for seconds
                }
            }
            LockSupport.parkNanos(TICK_NANOS);
        }
    }

    private void send(Stream s) {
        s.sent++;
        if (!s.connection.isOpen()) {
            return;
        }
        try {
            // Numbered by what was actually sent, so a forgiven stall never looks like loss to the receivers.
            s.connection.send(TestPacket.build(s.profile.payloadType(), s.ssrc, s.sequence++, WallClock.micros(),
                    s.profile.packetBytes()));
            s.delivered.incrementAndGet();
        } catch (IOException e) {
            sendErrors.incrementAndGet();
        }
    }

    public long sendErrors() {
        return sendErrors.get();
    }

    /** Packets handed to the transport so far, all streams. */
    public long sent() {
        long total = 0;
        for (Stream s : streams) {
            total += s.sent();
        }
        return total;
    }

    /** One sender's stream on one connection. */
    public static final class Stream {
        private final MediaConnection connection;
        private final MediaProfile profile;
        private final int ssrc;
        private final AtomicLong delivered = new AtomicLong();
        private long sent;
        private int sequence;

        public Stream(MediaConnection connection, MediaProfile profile, int ssrc) {
            this.connection = connection;
            this.profile = profile;
            this.ssrc = ssrc;
        }

        public MediaProfile profile() {
            return profile;
        }

        /** Packets handed to the transport. */
        public long sent() {
            return delivered.get();
        }
    }
}
