package org.confero.media.relay;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Shared test helpers: loopback configuration, packets, bounded waiting. */
final class RelayTestSupport {

    static final Duration WAIT = Duration.ofSeconds(5);

    private RelayTestSupport() {
    }

    static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loopback, ephemeral ports (never 8801, so tests cannot collide with a running server), two I/O threads. */
    static RelayConfig.Builder config() {
        return RelayConfig.builder().bindAddress(loopback()).udpPort(0).tcpPort(0).ioThreads(2).udpReceiveBufferBytes(0)
                .udpSendBufferBytes(0);
    }

    static byte[] key() {
        byte[] key = new byte[32];
        ThreadLocalRandom.current().nextBytes(key);
        return key;
    }

    /** The test owns the threads; the relay only submits its event loops to this executor. */
    static ExecutorService executor(String name) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** An RTP packet (version 2) whose sequence number and payload identify it. */
    static byte[] rtp(int sequence, int size) {
        byte[] packet = new byte[Math.max(size, 12)];
        packet[0] = (byte) 0x80;
        packet[1] = 96;
        packet[2] = (byte) (sequence >>> 8);
        packet[3] = (byte) sequence;
        for (int i = 12; i < packet.length; i++) {
            packet[i] = (byte) (sequence + i);
        }
        return packet;
    }

    static int sequence(byte[] rtp) {
        return ((rtp[2] & 0xFF) << 8) | (rtp[3] & 0xFF);
    }

    /** Polls a condition until it holds or the deadline passes; returns whether it held. */
    static boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return true;
    }
}
