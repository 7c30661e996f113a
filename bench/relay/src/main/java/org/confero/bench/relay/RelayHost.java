package org.confero.bench.relay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.confero.media.relay.CounterSnapshot;
import org.confero.media.relay.DropReason;
import org.confero.media.relay.MediaRelay;
import org.confero.media.relay.RelayConfig;
import org.confero.media.relay.RelayListener;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;

/**
 * Runs Confero's {@link MediaRelay} on 127.0.0.1 for the relay benchmark ({@code bench/run}) and binds load-tool ports
 * on it on request. The orchestrator drives it over stdin, one command per line, one answer line each:
 *
 * <pre>
 * bind MEETING PARTICIPANT PORT [TYPE]   open MEETING, admit PARTICIPANT for TYPE (audio|video, default video),
 *                                        handshake from 127.0.0.1:PORT → "ok" | "err …"
 * counters                        "counters key=value …" (the relay's totals, drops by reason)
 * quit                            stop the relay and exit
 * </pre>
 *
 * Arguments: {@code --port P} (UDP and TCP, default 8811), {@code --threads T} (I/O threads, default 1),
 * {@code --max-seconds S} (hard lifetime, default 900), {@code --udp-buffer-bytes B} (SO_RCVBUF and SO_SNDBUF of the
 * relay's UDP sockets; default: the relay's own default). Consent checks (RFC 7675) keep their default 5 s interval, but
 * the timeout is raised to an hour: the load tools own the bound ports and cannot answer them.
 */
public final class RelayHost {

    /** The relay's I/O threads, for their allocation counters. */
    private static final List<Thread> IO_THREADS = new CopyOnWriteArrayList<>();

    private RelayHost() {
    }

    public static void main(String[] args) throws Exception {
        int port = 8811;
        int threads = 1;
        long maxSeconds = 900;
        int udpBufferBytes = -1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
            case "--port" -> port = Integer.parseInt(args[++i]);
            case "--threads" -> threads = Integer.parseInt(args[++i]);
            case "--max-seconds" -> maxSeconds = Long.parseLong(args[++i]);
            case "--udp-buffer-bytes" -> udpBufferBytes = Integer.parseInt(args[++i]);
            default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        RelayConfig.Builder builder = RelayConfig.builder().bindAddress(loopback).udpPort(port).tcpPort(port)
                .ioThreads(threads).consentTimeout(Duration.ofHours(1))
                // Its participants bind once, with two-hour tokens, and stay for the whole run.
                .maxTokenLifetime(Duration.ofHours(2));
        if (udpBufferBytes >= 0) {
            builder.udpReceiveBufferBytes(udpBufferBytes).udpSendBufferBytes(udpBufferBytes);
        }
        RelayConfig config = builder.build();
        byte[] tokenKey = new byte[32];
        new SecureRandom().nextBytes(tokenKey);
        ExecutorService executor = Executors.newCachedThreadPool(named("relay-io"));
        MediaRelay relay = new MediaRelay(config, tokenKey, executor, RelayListener.NONE);
        relay.start();
        // Bounded life even if the orchestrator dies without sending quit.
        long lifetimeMillis = TimeUnit.SECONDS.toMillis(maxSeconds);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(lifetimeMillis);
            } catch (InterruptedException e) {
                return;
            }
            System.exit(3);
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        InetSocketAddress relayAddress = relay.status().udpAddress().orElseThrow();
        PortBinder binder = new PortBinder(relayAddress);
        out.println("ready udp=" + relayAddress.getPort() + " transport=" + relay.status().transport() + " threads="
                + threads + " udpBuffers=" + config.udpReceiveBufferBytes() + "/" + config.udpSendBufferBytes()
                + " java=" + System.getProperty("java.vm.version"));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.trim().split("\\s+");
                if (words[0].equals("quit")) {
                    break;
                }
                out.println(command(words, relay, binder));
            }
        } finally {
            relay.stop();
            executor.shutdownNow();
            out.println("stopped");
        }
        System.exit(0);
    }

    private static String command(String[] words, MediaRelay relay, PortBinder binder) {
        try {
            switch (words[0]) {
            case "bind" -> {
                // The capacity benchmark binds every participant twice, audio and video, as a client does.
                MediaType type = words.length > 4 ? MediaType.valueOf(words[4].toUpperCase(Locale.ROOT))
                        : MediaType.VIDEO;
                relay.openMeeting(words[1]);
                MediaCredentials credentials = relay.admit(words[1], words[2], type, Duration.ofHours(2));
                binder.bind(Integer.parseInt(words[3]), credentials, type);
                return "ok bound " + words[1] + " " + words[2] + " " + type + " 127.0.0.1:" + words[3];
            }
            case "counters" -> {
                return "counters " + format(relay.counters()) + " ioAllocatedBytes=" + ioAllocatedBytes();
            }
            default -> {
                return "err unknown command " + words[0];
            }
            }
        } catch (IOException | RuntimeException e) {
            return "err " + e;
        }
    }

    private static String format(CounterSnapshot c) {
        StringBuilder s = new StringBuilder();
        s.append("packetsIn=").append(c.packetsIn()).append(" mediaIn=").append(c.mediaIn()).append(" controlIn=")
                .append(c.controlIn()).append(" packetsOut=").append(c.packetsOut()).append(" controlOut=")
                .append(c.controlOut());
        for (Map.Entry<DropReason, Long> drop : c.droppedPackets().entrySet()) {
            if (drop.getValue() > 0) {
                s.append(" drop_").append(drop.getKey().name()).append('=').append(drop.getValue());
            }
        }
        return s.toString();
    }

    /**
     * Heap bytes allocated so far by the relay's I/O threads (HotSpot's per-thread TLAB accounting): divided by the
     * packets relayed, the per-packet allocation of the forwarding path, which the garbage collector pays for later.
     */
    private static long ioAllocatedBytes() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)) {
            return -1;
        }
        long sum = 0;
        for (Thread thread : IO_THREADS) {
            long bytes = threads.getThreadAllocatedBytes(thread.getId());
            if (bytes > 0) {
                sum += bytes;
            }
        }
        return sum;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            IO_THREADS.add(thread);
            return thread;
        };
    }
}
