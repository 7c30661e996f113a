package org.confero.testsuite.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.confero.testsuite.support.Await;
import org.confero.testsuite.support.Commands;

/**
 * The domain of wildfly-config/bin/domain-local.sh (web-1, mmr-1, mmr-2, tunnel-1; port offset 1000), built from a
 * fresh copy of the configured server and started the way an admin starts it. Closing stops the whole domain.
 */
final class LocalDomain implements AutoCloseable {

    static final int OFFSET = 1000;

    private final Path server;
    private final Path data;
    private final Path scripts;

    private LocalDomain(Path server, Path data, Path scripts) {
        this.server = server;
        this.data = data;
        this.scripts = scripts;
    }

    static LocalDomain start() throws IOException, InterruptedException {
        return start(java.util.Map.of());
    }

    /** With {@code environment} for domain-local.sh (e.g. CONFERO_LOCAL_PUBLIC_URL). */
    static LocalDomain start(java.util.Map<String, String> environment) throws IOException, InterruptedException {
        Path target = Path.of(System.getProperty("confero.test.server")).getParent();
        Path scripts = target.getParent().getParent().resolve("wildfly-config/bin");
        Path server = target.resolve("domain");
        Path data = target.resolve("data-domain");
        run(List.of("rm", "-rf", server.toString(), data.toString()), 60);
        run(List.of("cp", "-a", target.getParent().getParent().resolve("wildfly-config/target/wildfly").toString(),
                server.toString()), 120);
        run(List.of("bash", scripts.resolve("configure-domain.sh").toString(), server.toString()), 300);
        LocalDomain domain = new LocalDomain(server, data, scripts);
        try {
            Commands.run(
                    List.of("bash", scripts.resolve("domain-local.sh").toString(), "start", server.toString(),
                            data.toString(), System.getProperty("confero.ear")),
                    environment, null, Duration.ofSeconds(420));
        } catch (IOException | InterruptedException e) {
            domain.close();
            throw e;
        }
        return domain;
    }

    /** HTTP base of web-1, mmr-1 or mmr-2 (plain HTTP between the test and the servers on loopback). */
    String http(String serverName) {
        return "http://127.0.0.1:" + (8080 + OFFSET + shift(serverName));
    }

    /** The HTTPS base clients use (the certificate names localhost). */
    String https(String serverName) {
        return "https://localhost:" + (8443 + OFFSET + shift(serverName));
    }

    private static int shift(String serverName) {
        return switch (serverName) {
        case "web-1" -> 0;
        case "mmr-1" -> 100;
        case "mmr-2" -> 200;
        case "tunnel-1" -> 300;
        default -> throw new IllegalArgumentException(serverName);
        };
    }

    /** The wildfly-config/bin directory (domain-local.sh, haproxy-local.sh). */
    Path scripts() {
        return scripts;
    }

    /**
     * SIGKILL of a server's process (web-1, mmr-1, …), as a crash would end it; returns System.nanoTime() of the kill.
     */
    long kill(String serverName) throws IOException, InterruptedException {
        String pid = Commands
                .exec(List.of("pgrep", "-f", "--", "-D\\[Server:" + serverName + "\\]"), null, Duration.ofSeconds(10))
                .output().strip().split("\\s+")[0];
        long killed = System.nanoTime();
        run(List.of("kill", "-9", pid), 10);
        return killed;
    }

    /**
     * Starts a server of the domain again through the domain controller (jboss-cli on the management port, local
     * authentication) and waits until its /healthCheck answers 200.
     */
    void restart(String serverName) throws Exception {
        String controller = "127.0.0.1:" + (9990 + OFFSET);
        String address = "/host=primary/server-config=" + serverName;
        Commands.Result started = Commands.exec(List.of(server.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=" + controller, "--command=" + address + ":start(blocking=true)"), null,
                Duration.ofSeconds(240));
        if (started.status() != 0) {
            run(List.of(server.resolve("bin/jboss-cli.sh").toString(), "--connect", "--controller=" + controller,
                    "--command=" + address + ":restart(blocking=true)"), 240);
        }
        HttpClient client = HttpClient.newHttpClient();
        URI health = URI.create(http(serverName) + "/healthCheck");
        Await.until(Duration.ofSeconds(180), () -> {
            try {
                return client.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (IOException e) {
                return 0;
            }
        }, status -> status == 200, serverName + " healthy again");
    }

    Path certificate() {
        return data.resolve("tls/confero.crt");
    }

    /** The servers' metrics scrape token (the first server to start creates it in the shared data directory). */
    Path scrapeToken() {
        return data.resolve("keys/metrics-scrape.token");
    }

    /** The admin password of the domain's first start (domain-local.sh leaves the notice in the data directory). */
    String adminPassword() throws IOException {
        Matcher m = Pattern.compile("password\\s+(\\S+)").matcher(Files.readString(data.resolve("first-start.txt")));
        if (!m.find()) {
            throw new IllegalStateException("no admin password in " + data);
        }
        return m.group(1);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("bash", scripts.resolve("domain-local.sh").toString(), "stop", server.toString()), 120);
    }

    private static void run(List<String> command, int seconds) throws IOException, InterruptedException {
        Commands.run(command, null, Duration.ofSeconds(seconds));
    }
}
