package org.confero.media.relay.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.channel.unix.Errors.NativeIoException;
import io.netty.channel.unix.SegmentedDatagramPacket;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

/**
 * Turns one read burst's sends into UDP GSO sends (UDP_SEGMENT): consecutive packets of one size that go to the same
 * destination leave as one datagram that the kernel cuts into segments, so the network stack is walked once per run
 * instead of once per packet. A relay forwards each packet of a burst to the same receivers, so a burst of n packets to
 * m receivers becomes m sends instead of n × m.
 *
 * <p>
 * How: each packet is copied once, on its first send, into a staging buffer, right after the packet before it. A
 * destination's <em>run</em> is a stretch of that buffer: it grows while the next packet sent to the destination is the
 * one staged right after the run's end and has the run's segment size (a shorter one may end it: GSO allows a short
 * last segment). Anything else writes the run out and starts a new one, so packets to one destination leave in the
 * order they came. Every receiver of a packet shares its one copy: a run is a slice of the staging buffer.
 *
 * <p>
 * Runs are looked up per send in a flat open-addressing table keyed by the destination's address object (identity: a
 * receiver keeps one address object for its whole binding) and DSCP class. {@link #drain} writes every run to its
 * socket (not flushed: the caller flushes once per burst, so the writes go out by sendmmsg). The caller must call
 * {@link #endOfPacket} after each packet's sends: only then is the next {@code add} a new packet.
 *
 * <p>
 * A run the kernel refuses goes again as single datagrams. EINVAL means its segments do not fit the route's MTU with
 * their headers: from then on this loop sends only shorter packets with GSO. Any other refusal (EIO: a device without
 * checksum offload) turns GSO off for this loop.
 *
 * <p>
 * Confined to one event loop's thread. Per packet: one copy, one table probe per receiver, no allocation; per run: one
 * slice and one envelope (plus a promise for the fallback when it has several segments).
 */
final class GsoCoalescer {

    private static final Logger LOG = Logger.getLogger(GsoCoalescer.class);

    /** The kernel's UDP_MAX_SEGMENTS before Linux 6.8 (128 since). */
    static final int MAX_SEGMENTS = 64;
    /** Below the largest UDP payload over IPv6 (65527) and IPv4 (65507). */
    static final int MAX_RUN_BYTES = 65000;
    /** Linux errno of a GSO segment longer than the route's MTU allows. */
    private static final int EINVAL = 22;
    private static final int STAGE_BYTES = 256 * 1024;
    private static final int TABLE_SLOTS = 512;
    /** Runs open at once before they are written out: keeps the table at most half full. */
    private static final int MAX_OPEN_RUNS = TABLE_SLOTS / 2;

    private final Channel[] byClass;
    private final ByteBufAllocator allocator;
    private final AtomicLong errors;
    /** Longest packet sent with GSO; 0 once the kernel refused GSO outright. */
    private int maxSegmentBytes;

    private ByteBuf stage;
    /** Where the packet now being sent is staged; -1 before its first send. */
    private int packetOffset = -1;
    private ByteBuf packet;
    private int packetLength;

    // The open runs, in a table of parallel arrays indexed by slot.
    private final InetSocketAddress[] destination = new InetSocketAddress[TABLE_SLOTS];
    private final int[] dscpClass = new int[TABLE_SLOTS];
    private final int[] start = new int[TABLE_SLOTS];
    private final int[] end = new int[TABLE_SLOTS];
    private final int[] segment = new int[TABLE_SLOTS];
    private final int[] segments = new int[TABLE_SLOTS];
    /** Ended by a short segment: nothing may follow it. */
    private final boolean[] closed = new boolean[TABLE_SLOTS];
    private final int[] openSlots = new int[MAX_OPEN_RUNS];
    private int openRuns;

    private long segmentedSends;

    /**
     * @param maxSegmentBytes
     *            the longest packet to send with GSO ({@code RelayConfig.udpGsoMaxSegmentBytes}, positive)
     */
    GsoCoalescer(Channel[] byClass, ByteBufAllocator allocator, AtomicLong errors, int maxSegmentBytes) {
        this.byClass = byClass;
        this.allocator = allocator;
        this.errors = errors;
        this.maxSegmentBytes = maxSegmentBytes;
    }

    /**
     * Queues {@code packet} to {@code to} on the socket of {@code dscpClass}; the caller keeps its reference. The
     * packet goes into a run when GSO is on and it is small enough, else it is written at once, after the destination's
     * open run so that order holds.
     */
    void add(int dscpClass, ByteBuf packet, InetSocketAddress to) {
        int length = packet.readableBytes();
        if (length > maxSegmentBytes || length == 0) {
            int slot = find(to, dscpClass);
            if (destination[slot] != null) {
                writeRun(slot);
                forget(slot);
            }
            write(byClass[dscpClass], PooledDatagram.of(packet.retainedDuplicate(), to));
            return;
        }
        // Staging first: it may drain the table, after which a slot found before would be stale.
        int offset = stage(packet, length);
        int slot = find(to, dscpClass);
        if (destination[slot] != null) {
            if (end[slot] == offset && !closed[slot] && segments[slot] < MAX_SEGMENTS
                    && end[slot] - start[slot] + length <= MAX_RUN_BYTES && length <= segment[slot]) {
                end[slot] = offset + length;
                segments[slot]++;
                closed[slot] = length < segment[slot];
                return;
            }
            writeRun(slot);
        } else {
            if (openRuns == MAX_OPEN_RUNS) {
                drain();
                slot = find(to, dscpClass);
            }
            destination[slot] = to;
            this.dscpClass[slot] = dscpClass;
            openSlots[openRuns++] = slot;
        }
        start[slot] = offset;
        end[slot] = offset + length;
        segment[slot] = length;
        segments[slot] = 1;
        closed[slot] = false;
    }

    /** The next {@link #add} is another packet. */
    void endOfPacket() {
        packetOffset = -1;
        packet = null;
    }

    /** Writes every open run to its socket (the caller flushes). */
    void drain() {
        for (int i = 0; i < openRuns; i++) {
            writeRun(openSlots[i]);
        }
        for (int i = 0; i < openRuns; i++) {
            destination[openSlots[i]] = null;
        }
        openRuns = 0;
    }

    /** Sends of several segments so far (for tests and statistics). */
    long segmentedSends() {
        return segmentedSends;
    }

    /** The longest packet sent with GSO now: lower than configured after EINVAL, 0 after another refusal. */
    int maxSegmentBytes() {
        return maxSegmentBytes;
    }

    /** Releases the staging buffer; runs not drained are lost. */
    void close() {
        openRuns = 0;
        java.util.Arrays.fill(destination, null);
        if (stage != null) {
            stage.release();
            stage = null;
        }
        endOfPacket();
    }

    /** Copies the current packet into the staging buffer on its first send; returns where it is. */
    private int stage(ByteBuf packet, int length) {
        if (packetOffset >= 0 && this.packet == packet && packetLength == length) {
            return packetOffset;
        }
        if (stage == null || stage.writableBytes() < length) {
            // Open runs are slices of the old buffer: out with them before it is let go.
            drain();
            if (stage != null) {
                stage.release();
            }
            stage = allocator.directBuffer(STAGE_BYTES, STAGE_BYTES);
        }
        packetOffset = stage.writerIndex();
        stage.writeBytes(packet, packet.readerIndex(), length);
        this.packet = packet;
        packetLength = length;
        return packetOffset;
    }

    /** The slot of the destination's open run, or the empty slot where it would go. */
    private int find(InetSocketAddress to, int dscp) {
        int mask = TABLE_SLOTS - 1;
        int slot = (System.identityHashCode(to) * 31 + dscp) & mask;
        while (true) {
            InetSocketAddress key = destination[slot];
            if (key == null || key == to && dscpClass[slot] == dscp) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Removes one run from the table, keeping every other run findable (linear probing without tombstones). */
    private void forget(int slot) {
        for (int i = 0; i < openRuns; i++) {
            if (openSlots[i] == slot) {
                openSlots[i] = openSlots[--openRuns];
                break;
            }
        }
        // Re-insert the cluster after the slot: a run placed past it by probing must still be found.
        int mask = TABLE_SLOTS - 1;
        destination[slot] = null;
        int next = (slot + 1) & mask;
        while (destination[next] != null) {
            InetSocketAddress key = destination[next];
            int dscp = dscpClass[next];
            destination[next] = null;
            int to = find(key, dscp);
            if (to != next) {
                destination[to] = key;
                dscpClass[to] = dscp;
                start[to] = start[next];
                end[to] = end[next];
                segment[to] = segment[next];
                segments[to] = segments[next];
                closed[to] = closed[next];
                for (int i = 0; i < openRuns; i++) {
                    if (openSlots[i] == next) {
                        openSlots[i] = to;
                    }
                }
            } else {
                destination[next] = key;
            }
            next = (next + 1) & mask;
        }
    }

    private void writeRun(int slot) {
        Channel channel = byClass[dscpClass[slot]];
        InetSocketAddress to = destination[slot];
        ByteBuf run = stage.retainedSlice(start[slot], end[slot] - start[slot]);
        if (segments[slot] == 1) {
            write(channel, PooledDatagram.of(run, to));
            return;
        }
        segmentedSends++;
        int size = segment[slot];
        // One more reference, for sending the run as single datagrams should the kernel refuse GSO.
        run.retain();
        ChannelPromise promise = channel.newPromise();
        promise.addListener(new Fallback(channel, run, size, to));
        channel.write(new SegmentedDatagramPacket(run, size, to), promise);
    }

    private static void write(Channel channel, Object datagram) {
        channel.write(datagram, channel.voidPromise());
    }

    /** After a GSO send: on refusal, the same packets as single datagrams, and less or no GSO from now on. */
    private final class Fallback implements ChannelFutureListener {

        private final Channel channel;
        private final ByteBuf run;
        private final int size;
        private final InetSocketAddress to;

        Fallback(Channel channel, ByteBuf run, int size, InetSocketAddress to) {
            this.channel = channel;
            this.run = run;
            this.size = size;
            this.to = to;
        }

        @Override
        public void operationComplete(ChannelFuture future) {
            try {
                if (!future.isSuccess() && channel.isOpen()) {
                    errors.incrementAndGet();
                    boolean tooLong = future.cause() instanceof NativeIoException e
                            && Math.abs(e.expectedErr()) == EINVAL;
                    int before = maxSegmentBytes;
                    maxSegmentBytes = tooLong ? Math.min(maxSegmentBytes, size - 1) : 0;
                    if (maxSegmentBytes < before) {
                        // Rare (each refusal lowers the limit): worth an operator's attention, not a log flood.
                        LOG.warnf(
                                "UDP GSO send of %d-byte segments to %s refused (%s): GSO now only up to %d bytes"
                                        + " on %s",
                                size, to, future.cause().getMessage(), maxSegmentBytes, channel.localAddress());
                    }
                    for (int at = 0; at < run.readableBytes(); at += size) {
                        int length = Math.min(size, run.readableBytes() - at);
                        write(channel, PooledDatagram.of(run.retainedSlice(run.readerIndex() + at, length), to));
                    }
                    channel.flush();
                }
            } finally {
                run.release();
            }
        }
    }
}
