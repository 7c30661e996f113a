package org.confero.testsuite.cluster;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.confero.cli.media.TestPacket;
import org.confero.client.media.MediaConnection;

/**
 * Sends a participant's test audio at 50 packets/s on its own thread, sequence numbers from 0, until stopped or
 * {@code maxPackets} are sent (bounded). The connection is looked up for every packet: after a failover the session's
 * connection is the new router's.
 */
final class PacketSender implements AutoCloseable {

    private final Thread thread;
    private final AtomicInteger sent = new AtomicInteger();
    private volatile boolean running = true;

    PacketSender(String name, int ssrc, Supplier<MediaConnection> connection, int maxPackets) {
        thread = new Thread(() -> {
            long next = System.nanoTime();
            while (running && sent.get() < maxPackets) {
                try {
                    connection.get()
                            .send(TestPacket.build(111, ssrc, sent.get(), System.currentTimeMillis() * 1000, 160));
                } catch (IOException | RuntimeException e) {
                    // Lost while the router is gone: the failover is what is being measured.
                }
                sent.incrementAndGet();
                next += 20_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "sender-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until all {@code maxPackets} went out. */
    void finish() throws InterruptedException {
        thread.join(60_000);
    }

    int sent() {
        return sent.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
