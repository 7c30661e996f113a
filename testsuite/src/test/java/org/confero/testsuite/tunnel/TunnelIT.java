package org.confero.testsuite.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confero.testsuite.tunnel.TunnelClient.json;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.testsuite.api.FirstStartCredentials;
import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.ConnectionSteps;
import org.confero.testsuite.support.DefaultZone;
import org.confero.testsuite.support.Http;
import org.confero.testsuite.support.UdpMediaClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTP tunnel against the real server over TLS, as a client that reaches nothing but the tunnel uses it: ping,
 * hello with the lookup's join token, the zone controller's probe and assignment through it, the control channel and
 * media to a UDP participant through it — and nothing but this deployment's zone controllers and routers.
 *
 * <p>
 * The server listens on HTTPS 8543 (port offset 100) with the certificate of its data directory, which the test trusts.
 * The {@code default} zone's controller URL is pointed at {@code https://localhost:8543/api/v1/zc} for each test and
 * restored afterwards; the router registers {@code confero.mmr.url} = {@code https://localhost:8543} (arquillian.xml),
 * so its control and media URLs are reachable through the tunnel.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TunnelIT {

    private static final String TLS_BASE = "https://localhost:8543";
    private static final String ZC = TLS_BASE + "/api/v1/zc";
    private static final String FORBIDDEN = "https://confero.org/problems/tunnel-target-forbidden";
    /** The test server's Prometheus endpoint (management port 9990 plus the port offset 100). */
    private static final URI METRICS = URI.create("http://127.0.0.1:10090/prometheus");

    @ArquillianResource
    private URL base;

    private final Http http = new Http();
    private URI api;
    private String admin;
    private ConnectionSteps steps;
    private SSLContext tls;
    private JsonObject originalZone;

    @Deployment(testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @BeforeEach
    void setUp() throws Exception {
        api = base.toURI().resolve("/api/v1/");
        admin = Http.basic("admin", FirstStartCredentials.adminPassword());
        steps = new ConnectionSteps(http, api, admin);
        tls = org.confero.testsuite.support.TestServerTls.context();
        HttpResponse<String> current = http.send("GET", api.resolve("zones/default"), null, "Authorization", admin);
        assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
        originalZone = Http.json(current);
        putDefaultZone(ZC);
    }

    @AfterEach
    void restoreZone() throws Exception {
        putDefaultZone(null);
    }

    @Test
    @Timeout(30)
    void pingAnswers204NeverCached() throws Exception {
        HttpResponse<String> ping = HttpClient.newBuilder().sslContext(tls).build().send(HttpRequest
                .newBuilder(URI.create(TLS_BASE + "/tunnel/ping")).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ping.statusCode()).isEqualTo(204);
        assertThat(ping.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(ping.body()).isEmpty();
    }

    @Test
    @Timeout(60)
    void aForgedJoinTokenOrAnythingBeforeHelloIsRefusedWith1008() throws Exception {
        try (TunnelClient forged = tunnel()) {
            forged.send(hello("AAAA.BBBB"));
            assertThat(forged.await("error").getString("code")).isEqualTo("unauthorized");
            assertThat(forged.closedWith(5000)).hasValue(1008);
        }
        try (TunnelClient early = tunnel()) {
            early.send(request(1, "GET", ZC + "/probe?seq=1", null));
            assertThat(early.await("error").getString("code")).isEqualTo("unauthorized");
            assertThat(early.closedWith(5000)).hasValue(1008);
        }
    }

    @Test
    @Timeout(60)
    void theZoneControllersProbeAndAssignmentWorkThroughTheTunnel() throws Exception {
        String joinToken = steps.joinToken(steps.newMeeting("Tunnel"), "Tunnelled");
        try (TunnelClient tunnel = welcomed(joinToken)) {
            tunnel.send(request(1, "GET", ZC + "/probe?seq=7", null));
            JsonObject probe = tunnel.await("response", 1);
            assertThat(probe.getInt("status")).as(probe.toString()).isEqualTo(200);
            assertThat(json(probe.getString("body")).getInt("seq")).isEqualTo(7);

            tunnel.send(request(2, "POST", ZC + "/assign", "{\"joinToken\":\"" + joinToken + "\"}"));
            JsonObject answer = tunnel.await("response", 2);
            assertThat(answer.getInt("status")).as(answer.toString()).isEqualTo(200);
            assertThat(answer.getJsonObject("headers").getString("Content-Type")).startsWith("application/json");
            JsonObject assignment = json(answer.getString("body"));
            assertThat(assignment.getString("controlUrl")).isEqualTo("wss://localhost:8543/api/v1/mmr/control");
            assertThat(assignment.getJsonObject("credentials")).as("media credentials come with admission").isEmpty();
        }
    }

    @Test
    @Timeout(60)
    void nothingElseIsReachableAndBadMessagesLeaveTheTunnelUp() throws Exception {
        try (TunnelClient tunnel = welcomed(steps.joinToken(steps.newMeeting("Tunnel"), "Curious"))) {
            List<String> targets = List.of("https://127.0.0.1:8543/api/v1/users", "http://169.254.169.254/",
                    ZC + "/../users", ZC + "/../../api/v1/users", "https://localhost:8543/api/v1/zc.evil.org/probe",
                    "https://admin@localhost:8543/api/v1/zc/probe");
            for (int id = 0; id < targets.size(); id++) {
                tunnel.send(request(id, "GET", targets.get(id), null));
                JsonObject answer = tunnel.await("response", id);
                // A real call would have answered 401 (users) or timed out (metadata address) with 502.
                assertThat(answer.getInt("status")).as(targets.get(id)).isEqualTo(403);
                assertThat(json(answer.getString("body")).getString("type")).isEqualTo(FORBIDDEN);
            }
            tunnel.send(Json.createObjectBuilder().add("type", "open").add("id", 40)
                    .add("url", "wss://localhost:8543/api/v1/chat").build());
            JsonObject refused = tunnel.await("closed", 40);
            assertThat(refused.getInt("code")).isEqualTo(1008);

            tunnel.send("this is not JSON");
            assertThat(tunnel.await("error").getString("code")).isEqualTo("bad-message");
            tunnel.send(request(50, "POST", ZC + "/probe", "x".repeat(256 * 1024 + 1)));
            assertThat(tunnel.await("response", 50).getInt("status")).isEqualTo(413);
            tunnel.send(hello("again"));
            assertThat(tunnel.await("error").getString("code")).isEqualTo("bad-message");

            tunnel.send(request(51, "GET", ZC + "/probe?seq=1", null));
            assertThat(tunnel.await("response", 51).getInt("status")).as("still up").isEqualTo(200);
        }
    }

    @Test
    @Timeout(90)
    void theControlChannelAndMediaRunThroughTheTunnelToAUdpParticipant() throws Exception {
        String meeting = steps.newMeeting("Tunnel");
        String aliceToken = steps.joinToken(meeting, "Alice");
        JsonObject alice = steps.assign(aliceToken);
        String bobToken = steps.joinToken(meeting, "Bob");
        InetSocketAddress udp = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                alice.getJsonObject("media").getInt("udpPort"));
        try (TunnelClient tunnel = welcomed(bobToken);
                ConnectionSteps.Joined aliceIn = ConnectionSteps
                        .join(ConnectionSteps.webSocket(base.toURI(), "/api/v1/mmr/control"), aliceToken);
                UdpMediaClient a = new UdpMediaClient(udp, aliceIn.credentials("audio"), MediaType.AUDIO)) {
            tunnel.send(request(1, "POST", ZC + "/assign", "{\"joinToken\":\"" + bobToken + "\"}"));
            JsonObject bob = json(tunnel.await("response", 1).getString("body"));

            tunnel.send(open(2, bob.getString("controlUrl")));
            tunnel.await("opened", 2);
            tunnel.send(text(2, "{\"type\":\"join\",\"joinToken\":\"" + bobToken + "\"}"));
            JsonObject joined = tunnel.await(
                    m -> "text".equals(m.getString("type", null)) && m.getInt("id") == 2
                            && "joined".equals(json(m.getString("data")).getString("type", null)),
                    "joined on channel 2");
            assertThat(json(joined.getString("data")).getString("participantId"))
                    .isEqualTo(bob.getString("participantId"));

            a.bind();
            tunnel.send(open(3, bob.getJsonObject("media").getString("wssUrl")));
            tunnel.await("opened", 3);
            MediaCredentials audio = ConnectionSteps.credentials(json(joined.getString("data")), "audio");
            tunnel.send(text(3, "{\"token\":\"" + audio.token() + "\",\"password\":\"" + audio.password() + "\"}"));
            JsonObject bound = tunnel.await("text", 3);
            assertThat(json(bound.getString("data")).getString("type")).isEqualTo("bound");

            byte[] fromTunnel = { (byte) 0x80, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 9, 42, 43 };
            tunnel.sendFrame(3, fromTunnel);
            assertThat(a.receiveMedia(5000)).as("relayed to the UDP participant").hasValue(fromTunnel);
            byte[] fromUdp = { (byte) 0x80, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 7, 1, 2, 3 };
            a.send(fromUdp);
            assertThat(tunnel.frame(3, 5000)).as("relayed into the tunnel, tagged with channel 3").hasValue(fromUdp);

            // Issue 22: the media path's round-trip probe is answered on that path, through the tunnel.
            tunnel.send(text(3, "{\"type\":\"probe\",\"id\":7}"));
            assertThat(json(tunnel.await("text", 3).getString("data")))
                    .isEqualTo(json("{\"type\":\"probe\",\"id\":7}"));

            // Issue 22: the router knows this media came through a tunnel server (its proof on the upgrade request),
            // so the participants view and the bindings metric say tunnel, and Alice stays udp.
            JsonObject view = org.confero.testsuite.support.Await.until(Duration.ofSeconds(20),
                    () -> participants(meeting), v -> transports(v).size() == 2,
                    "Alice and Bob in the participants view");
            assertThat(transports(view)).containsEntry("Bob", "tunnel").containsEntry("Alice", "udp");
            assertThat(view.getJsonArray("participants").stream().map(p -> p.asJsonObject())
                    .filter(p -> p.getString("name").equals("Bob")).findFirst().orElseThrow().getJsonObject("media")
                    .getJsonObject("audio").getString("transport")).isEqualTo("tunnel");
            org.confero.testsuite.support.Await.until(Duration.ofSeconds(20),
                    () -> org.confero.testsuite.support.PrometheusScrape.of(http, METRICS),
                    s -> s.valueOrZero("confero_media_bindings", "media", "audio", "transport", "tunnel") >= 1,
                    "an audio binding counted under transport tunnel");

            tunnel.send(Json.createObjectBuilder().add("type", "close").add("id", 3).build());
            tunnel.send(text(2, "{\"type\":\"ping\"}"));
            assertThat(json(tunnel.await("text", 2).getString("data")).getString("type")).isEqualTo("pong");
        }
    }

    /**
     * Issue 23: a webinar attendee whose media runs through the tunnel receives the stage, and what it sends reaches no
     * one (the router's relay refuses receive-only credentials on this path as on every other; WebinarIT counts the
     * drops on the WebSocket path the tunnel leads to).
     */
    @Test
    @Timeout(90)
    void aWebinarAttendeesMediaThroughTheTunnelIsReceivedButNeverForwarded() throws Exception {
        HttpResponse<String> created = http.send("POST", api.resolve("meetings"),
                "{\"topic\":\"Tunnelled webinar\",\"webinar\":true}", "Authorization", admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String webinar = Http.json(created).getString("id");
        HttpResponse<String> hostInfo = http.send("GET", api.resolve("meetings/" + webinar + "/join-info?name=Hana"),
                null, "Authorization", admin);
        String hostToken = Http.json(hostInfo).getString("joinToken");
        String attendeeToken = steps.joinToken(webinar, "Ann");
        JsonObject host = steps.assign(hostToken);
        InetSocketAddress udp = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                host.getJsonObject("media").getInt("udpPort"));
        try (ConnectionSteps.Joined hostIn = ConnectionSteps
                .join(ConnectionSteps.webSocket(base.toURI(), "/api/v1/mmr/control"), hostToken);
                ConnectionSteps.Joined annIn = ConnectionSteps
                        .join(ConnectionSteps.webSocket(base.toURI(), "/api/v1/mmr/control"), attendeeToken);
                UdpMediaClient stage = new UdpMediaClient(udp, hostIn.credentials("audio"), MediaType.AUDIO);
                TunnelClient tunnel = welcomed(attendeeToken)) {
            assertThat(annIn.welcome().getBoolean("canSend")).isFalse();
            stage.bind();
            tunnel.send(open(3, host.getJsonObject("media").getString("wssUrl")));
            tunnel.await("opened", 3);
            MediaCredentials audio = annIn.credentials("audio");
            tunnel.send(text(3, "{\"token\":\"" + audio.token() + "\",\"password\":\"" + audio.password() + "\"}"));
            assertThat(json(tunnel.await("text", 3).getString("data")).getString("type")).isEqualTo("bound");

            byte[] fromStage = { (byte) 0x80, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 5, 1, 2 };
            stage.send(fromStage);
            assertThat(tunnel.frame(3, 5000)).as("the attendee receives the stage through the tunnel")
                    .hasValue(fromStage);
            tunnel.sendFrame(3, new byte[] { (byte) 0x80, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 6, 9, 9 });
            assertThat(stage.receiveMedia(1000)).as("nothing the attendee sends is forwarded").isEmpty();
        }
    }

    /**
     * A client that forges the tunnel's header on its own media WebSocket is still counted as websocket: the router
     * believes only a proof made with the cluster's key.
     */
    @Test
    @Timeout(90)
    void aClientClaimingToBeATunnelIsStillWebSocket() throws Exception {
        String meeting = steps.newMeeting("Tunnel claim");
        String malloryToken = steps.joinToken(meeting, "Mallory");
        steps.assign(malloryToken);
        try (ConnectionSteps.Joined in = ConnectionSteps
                .join(ConnectionSteps.webSocket(base.toURI(), "/api/v1/mmr/control"), malloryToken)) {
            MediaCredentials audio = in.credentials("audio");
            java.util.concurrent.LinkedBlockingQueue<String> texts = new java.util.concurrent.LinkedBlockingQueue<>();
            java.net.http.WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("X-Confero-Tunnel", java.time.Instant.now().getEpochSecond() + ".AAAA")
                    .buildAsync(ConnectionSteps.webSocket(base.toURI(), "/api/v1/mmr/media"),
                            new java.net.http.WebSocket.Listener() {
                                @Override
                                public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws,
                                        CharSequence data, boolean last) {
                                    texts.add(data.toString());
                                    ws.request(1);
                                    return null;
                                }
                            })
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
            try {
                socket.sendText("{\"token\":\"" + audio.token() + "\",\"password\":\"" + audio.password() + "\"}", true)
                        .get(5, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(texts.poll(10, java.util.concurrent.TimeUnit.SECONDS)).contains("\"bound\"");
                JsonObject view = org.confero.testsuite.support.Await.until(Duration.ofSeconds(20),
                        () -> participants(meeting),
                        v -> transports(v).containsKey("Mallory") && !"none".equals(transports(v).get("Mallory")),
                        "Mallory bound in the participants view");
                assertThat(transports(view)).containsEntry("Mallory", "websocket");
            } finally {
                socket.abort();
            }
        }
    }

    private JsonObject participants(String meeting) throws Exception {
        HttpResponse<String> response = http.send("GET", api.resolve("meetings/" + meeting + "/participants"), null,
                "Authorization", admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    /** Name → the audio transport the view shows. */
    private static java.util.Map<String, String> transports(JsonObject view) {
        return view.getJsonArray("participants").stream().map(p -> p.asJsonObject())
                .collect(java.util.stream.Collectors.toMap(p -> p.getString("name"), p -> p.getString("transport")));
    }

    private TunnelClient tunnel() throws Exception {
        return new TunnelClient(URI.create("wss://localhost:8543/tunnel/ws"), tls);
    }

    private TunnelClient welcomed(String joinToken) throws Exception {
        TunnelClient tunnel = tunnel();
        tunnel.send(hello(joinToken));
        assertThat(tunnel.await("welcome").getString("tunnel")).isNotBlank();
        return tunnel;
    }

    private static JsonObject hello(String joinToken) {
        return Json.createObjectBuilder().add("type", "hello").add("joinToken", joinToken).build();
    }

    private static JsonObject request(int id, String method, String url, String body) {
        JsonObjectBuilder request = Json.createObjectBuilder().add("type", "request").add("id", id)
                .add("method", method).add("url", url)
                .add("headers", Json.createObjectBuilder().add("Content-Type", "application/json"));
        if (body != null) {
            request.add("body", body);
        }
        return request.build();
    }

    private static JsonObject open(int id, String url) {
        return Json.createObjectBuilder().add("type", "open").add("id", id).add("url", url).build();
    }

    private static JsonObject text(int id, String data) {
        return Json.createObjectBuilder().add("type", "text").add("id", id).add("data", data).build();
    }

    /** The default zone as it was, with these controller URLs (null: the original ones). */
    private void putDefaultZone(String controllerUrl) throws Exception {
        DefaultZone.put(http, api, admin, originalZone, controllerUrl);
    }
}
