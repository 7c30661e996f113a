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
            run(List.of("bash", scripts.resolve("domain-local.sh").toString(), "start", server.toString(),
                    data.toString(), System.getProperty("confero.ear")), 420);
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

    Path certificate() {
        return data.resolve("tls/confero.crt");
    }

    /** The admin password of the domain's first start (domain-local.sh leaves the notice in the data directory). */
    String adminPassword() throws IOException {
        Matcher m = Pattern.compile("password\\s+(\\S+)").matcher(Files.readString(data.resolve("first-start.txt")));
        if (!m.find()) {
            throw new IllegalStateException("no admin password in " + data);
        }
        return m.group(1);
    }

    /**
     * Restarts one server through the domain controller, as an admin would ({@code :restart} on its server-config),
     * and waits until its health check answers 200 again.
     */
    void restart(String serverName) throws Exception {
        run(List.of(server.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=127.0.0.1:" + (9990 + OFFSET),
                "--command=/host=primary/server-config=" + serverName + ":restart(blocking=true)"), 300);
        URI health = URI.create(http(serverName) + "/healthCheck");
        HttpClient client = HttpClient.newHttpClient();
        Await.until(Duration.ofSeconds(180), () -> {
            try {
                return client.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            }
        }, status -> status == 200, serverName + " healthy after its restart");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("bash", scripts.resolve("domain-local.sh").toString(), "stop", server.toString()), 120);
    }

    private static void run(List<String> command, int seconds) throws IOException, InterruptedException {
        Commands.run(command, null, Duration.ofSeconds(seconds));
    }
}
