package org.confero.testsuite.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.confero.cli.media.TestPacket;

/**
 * What one participant hears of the others' test packets: every packet counted, distinct (sender, sequence) pairs kept,
 * so duplicates show (a packet that crossed a cascade link twice would be heard twice), and the time the last one came.
 */
final class Hearing {

    private final AtomicLong packets = new AtomicLong();
    private final Set<Long> distinct = ConcurrentHashMap.newKeySet();
    private final Set<Integer> senders = ConcurrentHashMap.newKeySet();
    private volatile long lastNanos;
    private final java.util.Queue<Long> arrivals = new java.util.concurrent.ConcurrentLinkedQueue<>();

    void accept(byte[] packet) {
        TestPacket.parse(packet).ifPresent(p -> {
            packets.incrementAndGet();
            distinct.add(((long) p.ssrc() << 32) | (p.sequence() & 0xffffffffL));
            senders.add(p.ssrc());
            lastNanos = System.nanoTime();
            arrivals.add(lastNanos);
        });
    }

    long packets() {
        return packets.get();
    }

    long distinct() {
        return distinct.size();
    }

    /** Packets from {@code ssrc} with a sequence number in [from, to). */
    long from(int ssrc, int fromSequence, int toSequence) {
        long n = 0;
        for (int s = fromSequence; s < toSequence; s++) {
            if (distinct.contains(((long) ssrc << 32) | (s & 0xffffffffL))) {
                n++;
            }
        }
        return n;
    }

    boolean heardSince(long nanos) {
        return lastNanos > nanos;
    }

    long lastNanos() {
        return lastNanos;
    }

    /** The arrival time of the first packet heard after {@code nanos}, or -1. */
    long firstAfter(long nanos) {
        return arrivals.stream().filter(t -> t > nanos).mapToLong(Long::longValue).min().orElse(-1);
    }
}
