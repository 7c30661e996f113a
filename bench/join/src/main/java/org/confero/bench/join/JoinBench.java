package org.confero.bench.join;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.confero.client.ClientOptions;

/**
 * Entry point: {@code peer} or {@code joiner}, with {@code --server URL --meeting ID --ca PEM --max-seconds N}. Both
 * write one JSON object per line to standard output and stop when standard input closes or after {@code --max-seconds}
 * (a hard watchdog), whichever comes first, so that a driver that dies never leaves them running.
 */
public final class JoinBench {

    private JoinBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("peer") || args[0].equals("joiner"))) {
            System.err.println("usage: JoinBench peer|joiner --server URL --meeting ID --ca PEM --max-seconds N");
            System.exit(2);
        }
        Map<String, String> options = options(args);
        URI server = URI.create(required(options, "server"));
        String meeting = required(options, "meeting");
        Path ca = Path.of(required(options, "ca"));
        Duration maxRun = Duration.ofSeconds(Long.parseLong(options.getOrDefault("max-seconds", "300")));
        watchdog(maxRun);
        ClientOptions clientOptions = clientOptions(ca);
        if (args[0].equals("peer")) {
            new Peer(server, meeting, clientOptions).run();
        } else {
            new Joiner(server, meeting, clientOptions, tunnelOptions(ca), ca).run();
        }
        System.exit(0);
    }

    /**
     * Defaults of the client library (timeouts, probes, transport order) except what a benchmark must pin: this
     * server's certificate, no proxy from the environment, no HTTP tunnels (none is configured; a fallback to one
     * would measure something else).
     */
    static ClientOptions clientOptions(Path ca) {
        return ClientOptions.builder().trustStore(ca, new char[0]).proxy(Optional.empty()).tunnels(false).build();
    }

    /** The same with the lookup's HTTP tunnels allowed: for the case where no zone controller answers. */
    static ClientOptions tunnelOptions(Path ca) {
        return ClientOptions.builder().trustStore(ca, new char[0]).proxy(Optional.empty()).tunnels(true).build();
    }

    private static void watchdog(Duration maxRun) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(maxRun.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("JoinBench: --max-seconds " + maxRun.toSeconds() + " reached, exiting");
            Runtime.getRuntime().halt(3);
        }, "watchdog");
        t.setDaemon(true);
        t.start();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value at " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
