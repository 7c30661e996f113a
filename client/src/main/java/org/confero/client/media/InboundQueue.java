package org.confero.client.media;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Received media waiting for the application. Bounded: when the application falls behind, the oldest packets go,
 * because late real-time media is worth less than fresh media, and memory must not grow with a stalled reader.
 */
final class InboundQueue {

    private static final int CAPACITY = 1024;

    private final BlockingQueue<byte[]> packets = new ArrayBlockingQueue<>(CAPACITY);

    void offer(byte[] packet) {
        while (!packets.offer(packet)) {
            packets.poll();
        }
    }

    Optional<byte[]> poll(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(packets.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }
}
