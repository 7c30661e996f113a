package org.confero.client.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.json.Json;

import org.confero.client.http.JsonBodies;
import org.confero.client.http.ProblemException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real HTTP servers on loopback; a "gone" server is a port nothing listens on. */
@Timeout(30)
class ServerFailoverTest {

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    /** A server that answers every request with {@code status} and {@code body}, noting who was called. */
    private URI server(String name, int status, String contentType, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            calls.add(name + " " + exchange.getRequestURI().getPath());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private URI ok(String name) throws IOException {
        return server(name, 200, "application/json", "{\"server\":\"" + name + "\"}");
    }

    private static URI gone() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private String get(URI base) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/thing")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonBodies.successOrProblem(response).getString("server");
    }

    @Test
    void aGoneServerHandsTheCallToTheNextInOrderWhichThenStaysFirst() throws Exception {
        URI dead = gone();
        URI second = ok("second");
        URI third = ok("third");
        ServerFailover failover = new ServerFailover(dead);
        failover.learn(new ServerList("cluster", List.of(dead, second, third)));

        assertThat(failover.call(this::get)).isEqualTo("second");
        assertThat(failover.current()).isEqualTo(second);
        assertThat(failover.call(this::get)).isEqualTo("second");
        assertThat(calls).containsExactly("second /api/v1/thing", "second /api/v1/thing");
    }

    @Test
    void aServersRefusalIsFinalAndNoOtherServerIsAsked() throws Exception {
        URI refusing = server("refusing", 403, "application/problem+json",
                "{\"type\":\"https://confero.org/problems/wrong-passcode\",\"status\":403}");
        URI other = ok("other");
        ServerFailover failover = new ServerFailover(refusing);
        failover.learn(new ServerList("cluster", List.of(refusing, other)));

        assertThatThrownBy(() -> failover.call(this::get)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("wrong-passcode");
        assertThat(calls).containsExactly("refusing /api/v1/thing");
    }

    @Test
    void aGatewayFailureOfABalancerCountsAsGone() throws Exception {
        URI balancer = server("balancer", 503, "text/html", "<html>No server is available</html>");
        URI next = ok("next");
        ServerFailover failover = new ServerFailover(balancer);
        failover.learn(new ServerList("cluster", List.of(balancer, next)));

        assertThat(failover.call(this::get)).isEqualTo("next");
    }

    @Test
    void whenEveryServerIsGoneTheFailureNamesThemAll() throws Exception {
        URI a = gone();
        URI b = gone();
        ServerFailover failover = new ServerFailover(a);
        failover.learn(new ServerList("cluster", List.of(a, b)));

        assertThatThrownBy(() -> failover.call(this::get)).isInstanceOf(IOException.class)
                .hasMessageContaining("no server of").hasMessageContaining(a.toString())
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    }

    @Test
    void behindABalancerItsUrlIsTheOnlyOneAndTheGivenUrlComesFirst() {
        ServerList list = ServerList.parse(
                Json.createObjectBuilder().add("mode", "load-balancer").add("publicUrl", "https://meet.example.com")
                        .add("urls", Json.createArrayBuilder().add("https://meet.example.com/")).build());
        assertThat(list.behindLoadBalancer()).isTrue();
        assertThat(list.urls()).containsExactly(URI.create("https://meet.example.com"));
        assertThat(list.from(URI.create("https://meet.example.com/api/v1")))
                .containsExactly(URI.create("https://meet.example.com"));

        ServerList cluster = new ServerList("cluster",
                List.of(URI.create("https://a:8443"), URI.create("https://b:8443"), URI.create("https://c:8443")));
        assertThat(cluster.from(URI.create("https://b:8443"))).containsExactly(URI.create("https://b:8443"),
                URI.create("https://a:8443"), URI.create("https://c:8443"));
    }

    @Test
    void listsThatAreNoListsAreRefused() {
        assertThatThrownBy(() -> ServerList.parse(
                Json.createObjectBuilder().add("mode", "cluster").add("urls", Json.createArrayBuilder()).build()))
                        .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerList.parse(Json.createObjectBuilder().add("mode", "cluster")
                .add("urls", Json.createArrayBuilder().add("ftp://x")).build()))
                        .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theListIsLearnedOnceFromTheServerThatAnsweredAndAnOldServerLeavesItAlone() throws Exception {
        URI other = ok("other");
        URI directory = server("directory", 200, "application/json",
                "{\"mode\":\"cluster\",\"publicUrl\":\"x\",\"urls\":[\"" + other + "\"]}");
        ServerFailover failover = new ServerFailover(directory);
        ServerDirectory asking = new ServerDirectory(http, Duration.ofSeconds(5));
        failover.learnOnce(asking);
        failover.learnOnce(asking);
        assertThat(failover.servers().urls()).containsExactly(other);
        assertThat(calls).containsExactly("directory /api/v1/servers");

        URI old = server("old", 404, "application/problem+json",
                "{\"type\":\"https://confero.org/problems/not-found\"}");
        ServerFailover unchanged = new ServerFailover(old);
        unchanged.learnOnce(asking);
        assertThat(unchanged.servers().urls()).containsExactly(old);
    }

    @Test
    void aListLearnedInOneRunIsFollowedInTheNextEvenWhenTheGivenServerIsDown(@TempDir Path cache) throws Exception {
        URI first = gone(); // alive in the first run, down in the second
        URI second = ok("second");
        new ServerFailover(first, ServerListStore.in(cache)).learn(new ServerList("cluster", List.of(first, second)));

        ServerFailover nextRun = new ServerFailover(URI.create(first + "/api/v1/"), ServerListStore.in(cache));

        assertThat(nextRun.servers().urls()).containsExactly(first, second);
        assertThat(nextRun.call(this::get)).isEqualTo("second");
        assertThat(new ServerFailover(second, ServerListStore.in(cache)).servers().urls())
                .as("another deployment's URL has a list of its own").containsExactly(second);
    }

    @Test
    void aDamagedStoredListIsIgnored(@TempDir Path cache) throws Exception {
        URI given = ok("given");
        new ServerFailover(given, ServerListStore.in(cache)).learn(new ServerList("cluster", List.of(given)));
        try (var files = Files.list(cache)) {
            for (Path file : files.toList()) {
                Files.writeString(file, "{\"mode\":\"cluster\",\"urls\":[\"ftp://elsewhere\"]");
            }
        }

        assertThat(new ServerFailover(given, ServerListStore.in(cache)).servers().urls()).containsExactly(given);
    }

    @Test
    void anUnrepeatableCallMovesOnOnlyFromAServerItCannotHaveReached() throws Exception {
        URI dead = gone();
        URI gateway = server("gateway", 502, "text/html", "<html>Bad gateway</html>");
        URI next = ok("next");
        ServerFailover failover = new ServerFailover(dead);
        failover.learn(new ServerList("cluster", List.of(dead, gateway, next)));

        assertThatThrownBy(() -> failover.callUnrepeatable(this::get)).as("a 502 may come after the server acted")
                .isInstanceOf(ProblemException.class);
        assertThat(calls).containsExactly("gateway /api/v1/thing");

        ServerFailover refused = new ServerFailover(dead);
        refused.learn(new ServerList("cluster", List.of(dead, next)));
        assertThat(refused.callUnrepeatable(this::get)).isEqualTo("next");
    }

    @Test
    void aServerThatResetsTheTlsHandshakeIsGoneAndCannotHaveBeenReached() throws Exception {
        // A dying server, or a port something else holds: it accepts, then resets before the TLS handshake is done.
        try (ServerSocket resetting = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        java.net.Socket socket = resetting.accept();
                        socket.getInputStream().read(new byte[512]); // the ClientHello
                        socket.setSoLinger(true, 0);
                        socket.close();
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            URI dying = URI.create("https://127.0.0.1:" + resetting.getLocalPort());
            URI next = ok("next");
            ServerFailover failover = new ServerFailover(dying);
            failover.learn(new ServerList("cluster", List.of(dying, next)));

            assertThat(failover.callUnrepeatable(this::get)).isEqualTo("next");
        }
    }
}
