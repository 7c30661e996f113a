package org.confero.client.media;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Received media waiting for the application. Bounded: when the application falls behind, the oldest packets go,
 * because late real-time media is worth less than fresh media, and memory must not grow with a stalled reader.
 */
final class InboundQueue {

    private static final int CAPACITY = 1024;

    private final BlockingQueue<byte[]> packets = new ArrayBlockingQueue<>(CAPACITY);
    private volatile Consumer<byte[]> receiver;

    void offer(byte[] packet) {
        Consumer<byte[]> direct = receiver;
        if (direct != null) {
            direct.accept(packet);
            return;
        }
        while (!packets.offer(packet)) {
            packets.poll();
        }
    }

    /**
     * From now on packets go straight to {@code direct}. What was queued before follows on the calling thread, so for
     * that moment {@code direct} may be called from two threads: it must be thread-safe.
     */
    void deliverTo(Consumer<byte[]> direct) {
        receiver = direct;
        for (byte[] queued = packets.poll(); queued != null; queued = packets.poll()) {
            direct.accept(queued);
        }
    }

    Optional<byte[]> poll(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(packets.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }
}
