package org.confero.testsuite.netns;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.confero.testsuite.support.Commands;

/**
 * The client namespace {@code cfc} of scripts/netns.sh, which the build set up before the server started, and a
 * firewall on its links (nftables table {@code ip confero_block} on the host side). Only 10.77.0.0/16 inside this
 * machine is ever touched.
 */
final class TestNetwork {

    static final String NAMESPACE = "cfc";
    static final String NEAR = "10.77.1.1";
    static final String FAR = "10.77.2.1";
    static final String WEB = "10.77.3.1";
    static final int HTTPS = 8643;
    static final int HTTP = 8280;
    static final int MEDIA = 9001;
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private TestNetwork() {
    }

    /**
     * Replaces the path's firewall by {@code rules} (nft statements on what arrives from the client's links, before any
     * address translation, so {@code ip daddr} is the address the client used). It sits on the host side, like a
     * firewall on the way: dropped packets vanish and the client only sees silence, never an error.
     */
    static void block(String... rules) throws IOException, InterruptedException {
        clearBlocks();
        StringBuilder script = new StringBuilder("table ip confero_block {\n chain from_client {\n"
                + "  type filter hook prerouting priority raw; policy accept;\n");
        for (String rule : rules) {
            script.append("  iifname { \"cf-n0\", \"cf-f0\", \"cf-w0\" } ").append(rule).append('\n');
        }
        script.append(" }\n}\n");
        run(script.toString(), "nft", "-f", "-");
    }

    static void clearBlocks() throws IOException, InterruptedException {
        runIgnoringFailure("nft", "delete", "table", "ip", "confero_block");
    }

    /** The command in the client namespace, as a process line. */
    static List<String> inClient(List<String> command) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", NAMESPACE));
        all.addAll(command);
        return all;
    }

    private static void runIgnoringFailure(String... command) throws IOException, InterruptedException {
        Commands.exec(List.of(command), null, LIMIT);
    }

    private static void run(String input, String... command) throws IOException, InterruptedException {
        Commands.run(List.of(command), input, LIMIT);
    }
}
