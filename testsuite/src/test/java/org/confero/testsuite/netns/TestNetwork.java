package org.confero.testsuite.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        exec(null, command);
    }

    private static void run(String input, String... command) throws IOException, InterruptedException {
        Result r = exec(input, command);
        if (r.status != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + r.status + "): " + r.output);
        }
    }

    private static Result exec(String input, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (input != null) {
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in 30 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int status, String output) {
    }
}
