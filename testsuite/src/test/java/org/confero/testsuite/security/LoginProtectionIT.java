package org.confero.testsuite.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.confero.testsuite.api.FirstStartCredentials;
import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.Http;
import org.confero.testsuite.support.ProxiedClient;
import org.confero.testsuite.support.ProxiedClient.Answer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Login protection of issue 19 at its defaults (10 failures per address, 100 per account, 15 minutes), on the real
 * server through Elytron: failures are counted per client address — so hammering an account from one address never
 * locks its owner out — the per-account ceiling refuses only addresses that already failed, unknown and known users
 * cost the same, and credentials over plain HTTP are taken only from a trusted proxy that terminated TLS.
 * <p>
 * Every failing login speaks for clients of its own (documentation networks 203.0.113.0/24 and 192.0.2.0/24) through
 * the test server's trusted proxy 127.0.0.2 ({@link ProxiedClient}) with {@code X-Forwarded-Proto: https}, so that
 * 127.0.0.1, which the rest of the suite logs in from, never collects a failure here.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LoginProtectionIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String TLS_BASE = "https://localhost:8543";
    private static final String ME = "/api/v1/users/me";

    @ArquillianResource
    private URL base;

    private final Http http = new Http();
    private URI server;
    private String admin;

    @Deployment(testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @BeforeEach
    void setUp() throws Exception {
        server = URI.create(base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + "/");
        admin = Http.basic("admin", FirstStartCredentials.adminPassword());
    }

    @Test
    @Timeout(180)
    void aCorrectLoginFromAFreshAddressSucceedsWhileAnotherAddressHammersTheAccount() throws Exception {
        String victim = newHost("victim");

        // 30 wrong passwords from one address: the first 10 are checked (401), the rest refused unchecked (429) —
        // the right password from that address too.
        for (int i = 1; i <= 30; i++) {
            Answer answer = tls("203.0.113.10", "GET", ME, Http.basic(victim, "guess " + i));
            if (i <= 10) {
                assertThat(answer.status()).as("attempt %d: %s", i, answer.body()).isEqualTo(401);
            } else {
                assertProblem(answer, 429, "too-many-attempts");
                assertThat(Long.parseLong(answer.header("Retry-After"))).isBetween(1L, 900L);
            }
        }
        assertProblem(tls("203.0.113.10", "GET", ME, Http.basic(victim, PASSWORD)), 429, "too-many-attempts");
        assertProblem(tls("203.0.113.10", "GET", ME, admin), 429, "too-many-attempts");

        // The owner, from any other address, logs in at once (WildFly's per-user lockout would refuse it now).
        Answer owner = tls("203.0.113.11", "GET", ME, Http.basic(victim, PASSWORD));
        assertThat(owner.status()).as(owner.body()).isEqualTo(200);
        assertThat(json(owner.body()).getString("username")).isEqualTo(victim);
        assertThat(
                http.send("GET", server.resolve(ME), null, "Authorization", Http.basic(victim, PASSWORD)).statusCode())
                        .isEqualTo(200);
    }

    @Test
    @Timeout(240)
    void theAccountCeilingRefusesOnlyAddressesThatFailedForTheAccount() throws Exception {
        String victim = newHost("ceiling");
        // 100 failures from ten addresses, each at its own limit: the account's ceiling.
        for (int source = 20; source < 30; source++) {
            for (int i = 0; i < 10; i++) {
                assertThat(tls("203.0.113." + source, "GET", ME, Http.basic(victim, "guess " + i)).status())
                        .isEqualTo(401);
            }
        }
        // An address with one failure of its own (far below its limit) is refused for this account now …
        assertThat(tls("203.0.113.40", "GET", ME, Http.basic(victim, "one more")).status()).isEqualTo(401);
        assertProblem(tls("203.0.113.40", "GET", ME, Http.basic(victim, PASSWORD)), 429, "too-many-attempts");
        // … but not for other accounts, and a clean address still logs the owner in.
        assertThat(tls("203.0.113.40", "GET", ME, admin).status()).isEqualTo(200);
        Answer owner = tls("203.0.113.41", "GET", ME, Http.basic(victim, PASSWORD));
        assertThat(owner.status()).as(owner.body()).isEqualTo(200);
    }

    @Test
    @Timeout(180)
    void aWrongPasswordCostsTheSameForKnownAndUnknownUsers() throws Exception {
        // One failure per known user: WildFly's per-user lockout (before issue 19) would otherwise stop hashing for a
        // user after ten and make the known ones as fast as the unknown ones.
        List<String> known = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            known.add(newHost("timing"));
        }
        // Warm-up (JIT, connection pool) from addresses of their own.
        for (int i = 0; i < 5; i++) {
            tls("192.0.2." + (200 + i), "GET", ME, Http.basic(known.get(20 + i), "warm-up"));
            tls("192.0.2." + (210 + i), "GET", ME, Http.basic("nobody-" + System.nanoTime(), "warm-up"));
        }
        List<Long> knownNanos = new ArrayList<>();
        List<Long> unknownNanos = new ArrayList<>();
        // Interleaved, one failure per address, so that neither the address limit nor load drift decides.
        for (int i = 0; i < 20; i++) {
            knownNanos.add(timedFailure("192.0.2." + (1 + i), known.get(i)));
            unknownNanos.add(timedFailure("192.0.2." + (100 + i), "nobody-" + System.nanoTime()));
        }
        double knownMs = median(knownNanos) / 1e6;
        double unknownMs = median(unknownNanos) / 1e6;
        System.out.printf("LoginProtectionIT: median wrong-password answer: known user %.1f ms, unknown %.1f ms%n",
                knownMs, unknownMs);
        assertThat(Math.max(knownMs, unknownMs) / Math.min(knownMs, unknownMs))
                .as("known %.1f ms, unknown %.1f ms", knownMs, unknownMs).isLessThanOrEqualTo(2.0);
    }

    @Test
    @Timeout(120)
    void credentialsOverPlainHttpAreTakenOnlyFromATrustedProxyThatTerminatedTls() throws Exception {
        // 127.0.0.3 is neither a trusted proxy nor an allowed plain-HTTP peer: Basic and bearer are refused unchecked.
        try (ProxiedClient direct = new ProxiedClient(server, null, "127.0.0.3")) {
            Answer answer = direct.request("GET", ME, null, "Authorization", admin);
            assertProblem(answer, 403, "https-required");
            assertThat(json(answer.body()).getString("detail")).contains("HTTPS");
        }
        try (ProxiedClient direct = new ProxiedClient(server, null, "127.0.0.3")) {
            assertProblem(direct.request("GET", ME, null, "Authorization", "Bearer cft_x.y"), 403, "https-required");
        }
        // A trusted proxy that received it over plain HTTP (no X-Forwarded-Proto: https) is refused the same.
        try (ProxiedClient proxied = new ProxiedClient(server, "198.51.100.250")) {
            assertProblem(proxied.request("GET", ME, null, "Authorization", admin), 403, "https-required");
        }
        // Without credentials plain HTTP works as before; over TLS the same credentials work.
        try (ProxiedClient direct = new ProxiedClient(server, null, "127.0.0.3")) {
            assertThat(direct.request("GET", "/healthCheck", null).status()).isEqualTo(200);
        }
        HttpResponse<String> overTls = HttpClient.newBuilder()
                .sslContext(org.confero.testsuite.support.TestServerTls.context()).build()
                .send(HttpRequest.newBuilder(URI.create(TLS_BASE + ME)).timeout(Duration.ofSeconds(15))
                        .header("Authorization", admin).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(overTls.statusCode()).as(overTls.body()).isEqualTo(200);
        assertThat(tls("198.51.100.251", "GET", ME, admin).status()).isEqualTo(200);
    }

    private long timedFailure(String client, String user) throws Exception {
        long start = System.nanoTime();
        Answer answer = tls(client, "GET", ME, Http.basic(user, "not the password"));
        long elapsed = System.nanoTime() - start;
        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        return elapsed;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    /** A request of {@code client} through the trusted proxy, which received it over TLS. */
    private Answer tls(String client, String method, String path, String authorization) throws Exception {
        try (ProxiedClient proxied = new ProxiedClient(server, client)) {
            return proxied.request(method, path, null, "X-Forwarded-Proto", "https", "Authorization", authorization);
        }
    }

    private String newHost(String prefix) throws Exception {
        String name = prefix + "-" + System.nanoTime();
        HttpResponse<String> created = http.send("POST", server.resolve("/api/v1/users"), """
                {"username":"%s","role":"host","password":"%s"}""".formatted(name, PASSWORD), "Authorization", admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return name;
    }

    private static void assertProblem(Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(json(answer.body()).getString("type")).isEqualTo("https://confero.org/problems/" + type);
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
