package org.confero.testsuite.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import javax.net.ssl.SSLContext;

import jakarta.json.JsonObject;

import org.confero.client.ClientOptions;
import org.confero.client.ConferoClient;
import org.confero.client.ConnectionListener;
import org.confero.client.MeetingSession;
import org.confero.client.http.TlsTrust;
import org.confero.client.lookup.MeetingLookup;
import org.confero.client.servers.ServerDirectory;
import org.confero.client.servers.ServerFailover;
import org.confero.protocol.rest.JoinInfoView;
import org.confero.testsuite.support.Await;
import org.confero.testsuite.support.Commands;
import org.confero.testsuite.support.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HAProxy with the production configuration (wildfly-config/haproxy/confero.cfg, started by haproxy-local.sh) in front
 * of mmr-1 and mmr-2 of the local domain, whose confero.public.url is the balancer's URL and which trust only the
 * balancer's address (127.0.0.2) for forwarded headers. Each test leaves both servers up (a killed one is started
 * again), so the order does not matter.
 */
class LoadBalancerIT {

    private static final List<String> BACKENDS = List.of("mmr-1", "mmr-2");

    private static LocalDomain domain;
    private static Path state;
    private static URI balancer;
    private static int balancerPort;
    private static HaproxyStats stats;
    private static SSLContext tls;
    private static HttpClient client;
    private static String admin;

    @BeforeAll
    static void startTheBalancerAndTheDomain() throws Exception {
        Path target = Path.of(System.getProperty("confero.test.server")).getParent();
        Path scripts = target.getParent().getParent().resolve("wildfly-config/bin");
        state = target.resolve("haproxy");
        // The balancer first: its URL is the domain's public URL. Until the domain is up its servers are DOWN.
        Commands.run(List.of("bash", scripts.resolve("haproxy-local.sh").toString(), "start", state.toString()), null,
                Duration.ofSeconds(60));
        Properties env = new Properties();
        try (var reader = Files.newBufferedReader(state.resolve("haproxy.env"))) {
            env.load(reader);
        }
        balancer = URI.create(env.getProperty("CONFERO_LB_URL"));
        balancerPort = Integer.parseInt(env.getProperty("CONFERO_LB_HTTPS_PORT"));
        stats = new HaproxyStats(Path.of(env.getProperty("CONFERO_LB_STATS_SOCKET")));
        tls = TlsTrust.context(false, Optional.of(state.resolve("confero-lb.crt")), new char[0]).orElseThrow();
        client = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        try {
            domain = LocalDomain.start(Map.of("CONFERO_LOCAL_PUBLIC_URL", balancer.toString()));
        } catch (Exception e) {
            stopTheBalancer();
            throw e;
        }
        admin = Http.basic("admin", domain.adminPassword());
        awaitBothUpAndSettled();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            stopTheBalancer();
        } finally {
            if (domain != null) {
                domain.close();
            }
        }
    }

    private static void stopTheBalancer() throws Exception {
        if (state != null) {
            Commands.run(List.of("bash",
                    Path.of(System.getProperty("confero.test.server")).getParent().getParent().getParent()
                            .resolve("wildfly-config/bin/haproxy-local.sh").toString(),
                    "stop", state.toString()), null, Duration.ofSeconds(30));
        }
    }

    /** Both servers UP for longer than the slow start (10 s), so that round robin gives them equal turns. */
    private static void awaitBothUpAndSettled() throws Exception {
        Await.until(Duration.ofSeconds(90), stats::servers,
                s -> BACKENDS.stream().allMatch(
                        b -> s.containsKey(b) && s.get(b).status().equals("UP") && s.get(b).secondsSinceChange() >= 11),
                "both servers UP in HAProxy for longer than the slow start");
    }

    private HttpResponse<String> viaBalancer(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(balancer.resolve(path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", admin);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The affinity cookie's value HAProxy set in {@code response}, if it set one. */
    private static Optional<String> affinityCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("CONFERO_LB="))
                .map(c -> c.substring("CONFERO_LB=".length(), c.indexOf(';'))).findFirst();
    }

    private static String node(HttpResponse<String> response) {
        return Http.json(response).getString("node");
    }

    @Test
    @Timeout(120)
    void newClientsAreSpreadRoundRobinAndACookieKeepsAClientOnItsServer() throws Exception {
        Map<String, Integer> perNode = new HashMap<>();
        Map<String, String> cookieOfNode = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = viaBalancer("/api/v1/connection");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            String node = node(response);
            assertThat(response.headers().firstValue("X-Confero-Node")).contains(node);
            String cookie = affinityCookie(response).orElseThrow(() -> new AssertionError("no affinity cookie"));
            assertThat(response.headers().allValues("Set-Cookie").toString()).contains("HttpOnly").contains("Secure");
            assertThat(node).as("the cookie names the server that answered").endsWith(":" + cookie);
            perNode.merge(node, 1, Integer::sum);
            cookieOfNode.put(node, cookie);
        }
        // Round robin over two servers of equal weight: turn and turn about.
        assertThat(perNode).hasSize(2).allSatisfy((node, count) -> assertThat(count).isEqualTo(10));

        for (Map.Entry<String, String> pinned : cookieOfNode.entrySet()) {
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> response = viaBalancer("/api/v1/connection", "Cookie",
                        "CONFERO_LB=" + pinned.getValue());
                assertThat(node(response)).isEqualTo(pinned.getKey());
                assertThat(affinityCookie(response)).as("indirect: a client that has the cookie is not sent it again")
                        .isEmpty();
            }
        }
    }

    @Test
    @Timeout(120)
    void aWebSocketUpgradeWithTheCookieLandsOnTheCookiesServer() throws Exception {
        for (String backend : BACKENDS) {
            for (int i = 0; i < 3; i++) {
                try (RawHttps raw = new RawHttps(tls, "127.0.0.1", "localhost", balancerPort)) {
                    RawHttps.Response switched = raw.upgrade("localhost:" + balancerPort, "/api/v1/mmr/control",
                            "Cookie", "CONFERO_LB=" + backend, "Origin", balancer.toString());
                    assertThat(switched.status()).as(switched.headers().toString()).isEqualTo(101);
                    assertThat(switched.header("X-Confero-Node")).as(switched.headers().toString())
                            .endsWith(":" + backend);
                    // The upgraded connection is a WebSocket end to end: a ping through the tunnel gets its pong.
                    byte[] pong = raw.pingAndReadAnswer("lb".getBytes(StandardCharsets.US_ASCII));
                    assertThat(pong[0]).as("opcode").isEqualTo((byte) 0xA);
                    assertThat(new String(pong, 1, pong.length - 1, StandardCharsets.US_ASCII)).isEqualTo("lb");
                }
            }
        }
    }

    @Test
    @Timeout(120)
    void theApplicationSeesTheClientAndHttpsThroughTheBalancerAndIgnoresForgedHeadersFromOthers() throws Exception {
        // Through the balancer from 127.0.0.9, with forged headers of our own: HAProxy replaces them.
        try (RawHttps raw = new RawHttps(tls, "127.0.0.9", "localhost", balancerPort)) {
            RawHttps.Response seen = raw.get("localhost:" + balancerPort, "/api/v1/connection", "Authorization", admin,
                    "X-Forwarded-For", "203.0.113.7", "Forwarded", "for=198.51.100.1;proto=http", "X-Forwarded-Proto",
                    "http");
            assertThat(seen.status()).as(seen.body()).isEqualTo(200);
            JsonObject connection = jakarta.json.Json.createReader(new java.io.StringReader(seen.body())).readObject();
            assertThat(connection.getString("clientAddress")).isEqualTo("127.0.0.9");
            assertThat(connection.getString("peerAddress")).as("HAProxy connects from 127.0.0.2")
                    .isEqualTo("127.0.0.2");
            assertThat(connection.getBoolean("viaTrustedProxy")).isTrue();
            assertThat(connection.getString("scheme")).isEqualTo("https");
            assertThat(connection.getString("host")).isEqualTo("localhost");
            assertThat(connection.getInt("port")).isEqualTo(balancerPort);
            assertThat(seen.header("Strict-Transport-Security")).isNotNull();
        }

        // Links Confero generates for a request through the balancer are https links to the balancer.
        HttpResponse<String> created = client.send(
                HttpRequest.newBuilder(balancer.resolve("/api/v1/meetings")).timeout(Duration.ofSeconds(15))
                        .header("Authorization", admin).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers
                                .ofString("{\"topic\":\"behind the balancer\",\"durationMinutes\":30}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location").orElseThrow()).startsWith(balancer + "/api/v1/meetings/");

        // Straight to a server from an address it does not trust: the same headers are the client's own claims.
        Http direct = new Http();
        JsonObject forged = Http.json(direct.send("GET", URI.create(domain.http("mmr-1") + "/api/v1/connection"), null,
                "Authorization", admin, "X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "https", "Forwarded",
                "for=198.51.100.1;proto=https"));
        assertThat(forged.getString("clientAddress")).isEqualTo("127.0.0.1");
        assertThat(forged.getString("scheme")).isEqualTo("http");
        assertThat(forged.getBoolean("viaTrustedProxy")).isFalse();

        // Plain HTTP to the balancer is sent to the public HTTPS URL, path and query kept.
        Properties env = new Properties();
        try (var reader = Files.newBufferedReader(state.resolve("haproxy.env"))) {
            env.load(reader);
        }
        HttpResponse<String> redirect = direct
                .get(URI.create("http://127.0.0.1:" + env.getProperty("CONFERO_LB_HTTP_PORT") + "/join/123456789?x=1"));
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location")).contains(balancer + "/join/123456789?x=1");
    }

    @Test
    @Timeout(420)
    void killingAServerTakesItOutAndItsClientsMoveToTheOther() throws Exception {
        // The servers know a balancer is in front: clients are told to fail over through its URL alone.
        for (String backend : BACKENDS) {
            JsonObject servers = Http.json(new Http().get(URI.create(domain.http(backend) + "/api/v1/servers")));
            assertThat(servers.getString("mode")).isEqualTo("load-balancer");
            assertThat(servers.getJsonArray("urls").getString(0)).isEqualTo(balancer.toString());
            assertThat(servers.getJsonArray("urls")).hasSize(1);
        }
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(balancer.resolve("/api/v1/meetings"))
                .timeout(Duration.ofSeconds(15)).header("Authorization", admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"failover\",\"durationMinutes\":30}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String meeting = Http.json(created).getString("id");

        ClientOptions options = ClientOptions.builder().trustStore(state.resolve("confero-lb.crt"), new char[0])
                .proxy(Optional.empty()).build();
        try (ConferoClient library = new ConferoClient(options, ConnectionListener.NONE)) {
            ServerFailover failover = library.servers(balancer);
            MeetingLookup lookup = new MeetingLookup(client, Duration.ofSeconds(10));
            JoinInfoView before = failover.call(base -> lookup.lookup(base, meeting, "Ann", Optional.empty()));
            failover.learnOnce(new ServerDirectory(client, Duration.ofSeconds(10)));
            assertThat(before.joinToken()).isNotBlank();
            assertThat(failover.servers().behindLoadBalancer()).isTrue();
            assertThat(failover.servers().urls()).containsExactly(balancer);

            String victim = "mmr-1";
            domain.kill(victim);
            try {
                var down = Await.until(Duration.ofSeconds(30), stats::servers,
                        s -> s.get(victim).status().startsWith("DOWN"), victim + " DOWN in HAProxy");
                assertThat(down.get("mmr-2").status()).isEqualTo("UP");

                // A client stuck to the dead server is answered by the other, and re-stuck to it.
                HttpResponse<String> moved = viaBalancer("/api/v1/connection", "Cookie", "CONFERO_LB=" + victim);
                assertThat(moved.statusCode()).isEqualTo(200);
                assertThat(node(moved)).endsWith(":mmr-2");
                assertThat(affinityCookie(moved)).contains("mmr-2");

                // The client library goes on through the balancer's URL.
                JoinInfoView after = failover.call(base -> lookup.lookup(base, meeting, "Bob", Optional.empty()));
                assertThat(after.joinToken()).isNotBlank();
                assertThat(failover.current()).isEqualTo(balancer);
            } finally {
                domain.restart(victim);
            }
            Await.until(Duration.ofSeconds(60), stats::servers, s -> s.get(victim).status().equals("UP"),
                    victim + " UP again in HAProxy");
        }
        awaitBothUpAndSettled();
    }

    /** A meeting joined through the balancer: lookup on either server, the routers reached directly. */
    @Test
    @Timeout(180)
    void theClientLibraryJoinsThroughTheBalancer() throws Exception {
        HttpResponse<String> created = viaBalancerPost("/api/v1/meetings",
                "{\"topic\":\"joined through the balancer\",\"durationMinutes\":30}");
        String meeting = Http.json(created).getString("id");
        // The domain's certificate for routers and controllers, the balancer's for the lookup: trust both.
        Path both = state.resolve("trust-both.pem");
        Files.writeString(both,
                Files.readString(domain.certificate()) + Files.readString(state.resolve("confero-lb.crt")));
        ClientOptions options = ClientOptions.builder().trustStore(both, new char[0]).proxy(Optional.empty()).build();
        try (ConferoClient library = new ConferoClient(options, ConnectionListener.NONE)) {
            MeetingSession ann = library.join(balancer, meeting, "Ann", null);
            assertThat(ann.assignment().router()).containsAnyOf("mmr-1", "mmr-2");
            assertThat(library.servers(balancer).servers().behindLoadBalancer()).isTrue();
            ann.leave();
        }
    }

    private HttpResponse<String> viaBalancerPost(String path, String json) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(balancer.resolve(path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
