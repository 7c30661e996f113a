package org.confero.testsuite.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.confero.testsuite.support.Await;
import org.confero.testsuite.support.Commands;
import org.confero.testsuite.support.Http;
import org.confero.testsuite.support.PrometheusServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's "Securing the endpoint", step by step, on a server of its own: the configured server without the EAR (it
 * starts in seconds, and the shared test server is never reloaded), started with
 * {@code -Dconfero.metrics.security.enabled=true}, a management user made with {@code add-user.sh}, HTTP Basic and
 * HTTPS switched on for the management interface with the README's three CLI commands. Then {@code /prometheus} refuses
 * a scrape without credentials (401; plain HTTP redirects to HTTPS), serves one with the user's (200), and a real
 * Prometheus scrapes it with wildfly-config/prometheus/standalone-secured.yml (up == 1). Ports: offset 500 (management
 * HTTP 10490, HTTPS 10493).
 */
class SecuredPrometheusIT {

    private static final int OFFSET = 500;
    private static final URI PLAIN = URI.create("http://127.0.0.1:" + (9990 + OFFSET) + "/prometheus");
    private static final URI SECURE = URI.create("https://localhost:" + (9993 + OFFSET) + "/prometheus");
    private static final String USER = "prometheus";

    private static Path target;
    private static Path home;
    private static Path base;
    private static Path data;
    private static Process server;
    private static String password;

    @BeforeAll
    static void startASecuredServer() throws Exception {
        target = Path.of(System.getProperty("confero.test.data")).toAbsolutePath().getParent();
        home = target.getParent().getParent().resolve("wildfly-config/target/wildfly");
        base = target.resolve("wildfly-secured");
        data = target.resolve("data-secured");
        Commands.run(List.of("rm", "-rf", base.toString(), data.toString()), null, Duration.ofSeconds(30));
        // The server's own standalone/ (configuration, data, log), so that the configured server stays pristine.
        Commands.run(List.of("cp", "-a", home.resolve("standalone").toString(), base.toString()), null,
                Duration.ofSeconds(60));
        Commands.run(List.of("bash", home.resolve("../../bin/ensure-tls.sh").normalize().toString(), data.toString()),
                null, Duration.ofSeconds(60));
        // 1. a management user for Prometheus (add-user.sh's password rules: letters, digits and a symbol).
        password = "Pm-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12)) + "-9";
        Commands.run(
                List.of(home.resolve("bin/add-user.sh").toString(), "-sc", base.resolve("configuration").toString(),
                        "-m", "-u", USER, "-p", password),
                Map.of("JBOSS_HOME", home.toString()), null, Duration.ofSeconds(60));
        // 2. require authentication on /prometheus (the property the configuration reads)
        Path log = Files.createDirectories(base.resolve("log")).resolve("console.log");
        ProcessBuilder start = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(), "-c", "confero.xml",
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + OFFSET,
                "-Dconfero.metrics.security.enabled=true", "-Dconfero.data.path=" + data,
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1",
                "-Djboss.bind.address.private=127.0.0.1", "--properties=" + data.resolve("tls/keystore.properties"))
                        .redirectErrorStream(true).redirectOutput(log.toFile());
        start.environment().put("JBOSS_HOME", home.toString());
        start.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        server = start.start();
        awaitStatus(PLAIN, null, 401, "the server up, /prometheus asking for a management user");
        // 3. HTTP Basic for Prometheus, over the management interface's HTTPS — the README's commands, run as written
        // (only the controller address differs), then a reload to apply them. The SSL context goes first: WildFly
        // refuses a secure socket binding without one (WFLYSRV0259).
        String controller = "--controller=127.0.0.1:" + (9990 + OFFSET);
        for (String command : List.of(
                "/subsystem=elytron/http-authentication-factory=management-http-authentication:list-add(name=mechanism-configurations, value={mechanism-name=BASIC, mechanism-realm-configurations=[{realm-name=ManagementRealm}]})",
                "/core-service=management/management-interface=http-interface:write-attribute(name=ssl-context, value=conferoSSC)",
                "/core-service=management/management-interface=http-interface:write-attribute(name=secure-socket-binding, value=management-https)",
                ":reload")) {
            cli(controller, command);
        }
        awaitStatus(SECURE, null, 401, "the management interface on HTTPS after the reload");
    }

    @AfterAll
    static void stopTheServer() throws Exception {
        if (server == null) {
            return;
        }
        try {
            cli("--controller=127.0.0.1:" + (9990 + OFFSET), ":shutdown");
        } catch (IOException | AssertionError e) {
            // Stopped below either way.
        }
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
    }

    @Test
    @Timeout(60)
    void withoutCredentialsAScrapeIsRefusedWithThemItIsServed() throws Exception {
        // Plain HTTP answered 401 before HTTPS was switched on (the set-up waited for it); now it only redirects.
        HttpResponse<String> plain = send(PLAIN, null);
        assertThat(plain.statusCode()).as("plain HTTP").isEqualTo(302);
        assertThat(plain.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("https:"));
        assertThat(send(SECURE, null).statusCode()).as("HTTPS, no user").isEqualTo(401);
        assertThat(send(SECURE, Http.basic(USER, "not-the-password")).statusCode()).as("wrong password").isEqualTo(401);
        HttpResponse<String> scraped = send(SECURE, Http.basic(USER, password));
        assertThat(scraped.statusCode()).isEqualTo(200);
        // WildFly's own series (no EAR here), in the Prometheus text format.
        assertThat(scraped.body()).contains("# TYPE ");
    }

    @Test
    @Timeout(90)
    void prometheusScrapesItWithTheReadmesConfiguration() throws Exception {
        Path work = Path.of(System.getProperty("confero.test.data")).toAbsolutePath().getParent()
                .resolve("prometheus-secured");
        Path passwordFile = base.resolve("confero.pass");
        Files.createFile(passwordFile,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, password + "\n");
        String configuration = PrometheusServer.configuration(
                PrometheusServer.repositoryFile("wildfly-config/prometheus/standalone-secured.yml"),
                Map.of("scrape_interval", "1s", "password_file", passwordFile.toString(), "ca_file",
                        data.resolve("tls/confero.crt").toString()),
                List.of(SECURE.getAuthority()));
        try (PrometheusServer prometheus = PrometheusServer.start(configuration, work)) {
            Await.until(Duration.ofSeconds(30), () -> prometheus.value("up{job=\"confero\"}"),
                    up -> up.isPresent() && up.getAsDouble() == 1,
                    "Prometheus scraping with basic_auth over HTTPS (targets: " + prometheus.targets() + ")");
            assertThat(prometheus.value("scrape_samples_scraped{job=\"confero\"}").orElse(0)).as("series scraped")
                    .isPositive();
        }
    }

    private static void cli(String controller, String command) throws Exception {
        Commands.run(
                List.of(home.resolve("bin/jboss-cli.sh").toString(), "--connect", controller, "--command=" + command),
                Map.of("JBOSS_HOME", home.toString()), null, Duration.ofSeconds(90));
    }

    private static void awaitStatus(URI uri, String authorization, int status, String what) throws Exception {
        Await.until(Duration.ofSeconds(120), () -> {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited; see " + base.resolve("log"));
            }
            try {
                return send(uri, authorization).statusCode();
            } catch (IOException e) {
                return 0;
            }
        }, s -> s == status, what);
    }

    private static HttpResponse<String> send(URI uri, String authorization) throws Exception {
        SSLContext tls = org.confero.testsuite.support.TestServerTls.context(data.resolve("tls/confero.crt"));
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
