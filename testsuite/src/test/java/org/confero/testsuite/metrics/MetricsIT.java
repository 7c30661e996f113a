package org.confero.testsuite.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.confero.client.ConferoClient;
import org.confero.client.ConnectionListener;
import org.confero.client.MeetingSession;
import org.confero.client.media.MediaConnection;
import org.confero.client.media.Transport;
import org.confero.protocol.media.MediaType;
import org.confero.testsuite.support.Await;
import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.LoopbackServer;
import org.confero.testsuite.support.Http;
import org.confero.testsuite.support.PrometheusScrape;
import org.confero.testsuite.support.PrometheusServer;
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
 * Issue 22 against the real server: two participants join through the client library, one over UDP and one forced to
 * WebSocket, and exchange media. The Micrometer subsystem's Prometheus endpoint (management interface, no management
 * user) then shows exactly 2 participants, one audio binding over UDP and one over WebSocket, the relay's audio packets
 * growing as media flows, and exactly one more drop for one garbage datagram; the admins' participants view lists both
 * with their transports and the quality they reported. A real Prometheus scrapes the server with the README's scrape
 * configuration (wildfly-config/prometheus/standalone.yml) and evaluates every query of the Grafana dashboard.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {

    /** The test server's management port: 9990 plus the port offset of arquillian.xml (100). */
    private static final URI METRICS = URI.create("http://127.0.0.1:10090/prometheus");
    private static final Duration SETTLE = Duration.ofSeconds(20);
    private static final Duration MEDIA_WAIT = Duration.ofSeconds(3);

    @ArquillianResource
    private URL base;

    private final Http http = new Http();
    private LoopbackServer loopback;
    private URI server;
    private URI api;
    private String admin;

    @Deployment(testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @BeforeEach
    void setUp() throws Exception {
        loopback = LoopbackServer.at(base);
        server = loopback.base();
        api = loopback.api();
        admin = loopback.admin();
    }

    @Test
    @Timeout(240)
    void theServerExportsExactSeriesForAUdpAndAWebSocketParticipant() throws Exception {
        PrometheusScrape baseline = quietOrSteadyServer();
        double participantsBefore = baseline.valueOrZero("confero_participants_active", "zone", "default");
        double meetingsBefore = baseline.valueOrZero("confero_meetings_active", "zone", "default");
        double udpBefore = baseline.valueOrZero("confero_media_bindings", "media", "audio", "transport", "udp");
        double websocketBefore = baseline.valueOrZero("confero_media_bindings", "media", "audio", "transport",
                "websocket");
        double tcpBefore = baseline.valueOrZero("confero_media_bindings", "media", "audio", "transport", "tcp");
        String meeting = loopback.newMeeting("Metrics");
        try (ConferoClient udpClient = new ConferoClient(loopback.clientOptions().build(), ConnectionListener.NONE)
                .reportQuality("java", Duration.ofMillis(500));
                ConferoClient wsClient = new ConferoClient(
                        loopback.clientOptions().disable(Transport.UDP, Transport.TCP).build(), ConnectionListener.NONE)
                                .reportQuality("java", Duration.ofMillis(500));
                MeetingSession uma = udpClient.join(server, meeting, "Uma", null);
                MeetingSession walt = wsClient.join(server, meeting, "Walt", null)) {
            MediaConnection umaAudio = uma.media(MediaType.AUDIO).orElseThrow();
            MediaConnection waltAudio = walt.media(MediaType.AUDIO).orElseThrow();
            assertThat(umaAudio.transport()).isEqualTo(Transport.UDP);
            assertThat(waltAudio.transport()).isEqualTo(Transport.WEBSOCKET);
            exchange(uma, walt, 1);

            PrometheusScrape settled = Await.until(
                    SETTLE, this::scrape,
                    s -> s.valueOrZero("confero_participants_active", "zone", "default") == participantsBefore + 2
                            && s.valueOrZero("confero_media_bindings", "media", "audio", "transport",
                                    "udp") == udpBefore + 1
                            && s.valueOrZero("confero_media_bindings", "media", "audio", "transport",
                                    "websocket") == websocketBefore + 1,
                    "2 participants, one audio binding over UDP and one over WebSocket (baseline " + baseline + ")");
            assertThat(settled.value("confero_participants_active", "zone", "default"))
                    .hasValue(participantsBefore + 2);
            assertThat(settled.value("confero_meetings_active", "zone", "default")).hasValue(meetingsBefore + 1);
            assertThat(settled.value("confero_media_bindings", "media", "audio", "transport", "udp"))
                    .hasValue(udpBefore + 1);
            assertThat(settled.value("confero_media_bindings", "media", "audio", "transport", "websocket"))
                    .hasValue(websocketBefore + 1);
            assertThat(settled.value("confero_media_bindings", "media", "audio", "transport", "tcp"))
                    .hasValue(tcpBefore);
            assertThat(settled.value("confero_router_capacity", "zone", "default")).isPresent();

            double packetsBefore = settled.valueOrZero("confero_relay_packets_total", "media", "audio", "direction",
                    "in");
            assertThat(packetsBefore).as("the first exchange was counted").isGreaterThanOrEqualTo(2);
            exchange(uma, walt, 10);
            Await.until(
                    SETTLE, this::scrape, s -> s.valueOrZero("confero_relay_packets_total", "media", "audio",
                            "direction", "in") >= packetsBefore + 2,
                    "the relay's audio packets to grow with the media sent");

            double dropsBefore = scrape().valueOrZero("confero_relay_drops_total", "reason", "NOT_STUN_OR_RTP");
            sendGarbageDatagram();
            PrometheusScrape dropped = Await.until(SETTLE, this::scrape,
                    s -> s.valueOrZero("confero_relay_drops_total", "reason", "NOT_STUN_OR_RTP") > dropsBefore,
                    "a drop for the garbage datagram");
            assertThat(dropped.value("confero_relay_drops_total", "reason", "NOT_STUN_OR_RTP"))
                    .hasValue(dropsBefore + 1);

            JsonObject participants = Await.until(SETTLE, () -> participants(meeting),
                    view -> view.getJsonArray("participants").size() == 2 && view.getJsonArray("participants").stream()
                            .allMatch(p -> p.asJsonObject().containsKey("reportedAt")
                                    && p.asJsonObject().get("reportedAt") != JsonValue.NULL
                                    && p.asJsonObject().getJsonObject("media").values().stream()
                                            .allMatch(m -> m.asJsonObject().containsKey("rttMs"))),
                    "both participants with a quality report and a round trip per media type");
            Map<String, JsonObject> byName = participants.getJsonArray("participants").stream()
                    .map(JsonValue::asJsonObject).collect(Collectors.toMap(p -> p.getString("name"), p -> p));
            assertThat(byName.get("Uma").getString("transport")).isEqualTo("udp");
            assertThat(byName.get("Walt").getString("transport")).isEqualTo("websocket");
            for (JsonObject p : byName.values()) {
                assertThat(p.getString("clientKind")).isEqualTo("java");
                assertThat(p.getString("zone")).isEqualTo("default");
                assertThat(p.getString("router")).isEqualTo(participants.getString("server"));
                JsonObject audio = p.getJsonObject("media").getJsonObject("audio");
                // Issue 22: each media type's round trip is timed on its own connection (STUN on UDP, a probe frame
                // on WebSocket): present for every media type the client connected, and a loopback's, not a WAN's.
                for (String type : new String[] { "audio", "video", "content" }) {
                    assertThat(p.getJsonObject("media").getJsonObject(type).getJsonNumber("rttMs"))
                            .as(p.getString("name") + " " + type + " rttMs").isNotNull()
                            .satisfies(rtt -> assertThat(rtt.doubleValue()).isBetween(0.0, 500.0));
                }
                assertThat(audio.getJsonNumber("loss").doubleValue()).isBetween(0.0, 1.0);
                assertThat(audio.getJsonNumber("jitterMs").doubleValue()).isGreaterThanOrEqualTo(0);
            }

            PrometheusScrape reported = scrape();
            assertThat(reported.valueOrZero("confero_call_rtt_ms_total", "media", "audio", "le", "+Inf"))
                    .isGreaterThanOrEqualTo(2);
            assertThat(reported.valueOrZero("confero_join_phase_seconds_total", "phase", "total", "le", "+Inf"))
                    .isGreaterThanOrEqualTo(2);
            assertThat(reported.valueOrZero("confero_zc_assignments_total", "zone", "default", "overflow", "false"))
                    .isGreaterThanOrEqualTo(2);
            // Leaving revokes the media at once: the next test (of this class or another) finds the relay empty.
            uma.leave();
            walt.leave();
        }
    }

    /**
     * Prometheus (the real one, scripts/prerequisites.sh test) scrapes the server with
     * wildfly-config/prometheus/standalone.yml — only the target (the test server's management port) and a 1 s interval
     * changed — and evaluates every query of wildfly-config/grafana/confero-dashboard.json through its HTTP API, as
     * Grafana would: each parses and evaluates, and after a UDP and a WebSocket participant joined and exchanged audio,
     * the capacity, transport-mix and relay-packet panels show them. DashboardSeriesTest checks the names; this checks
     * the PromQL.
     */
    @Test
    @Timeout(240)
    void prometheusScrapesTheServerAndEvaluatesEveryDashboardQuery() throws Exception {
        String configuration = PrometheusServer.configuration(
                PrometheusServer.repositoryFile("wildfly-config/prometheus/standalone.yml"),
                Map.of("scrape_interval", "1s"), List.of(METRICS.getAuthority()));
        Path work = Path.of(System.getProperty("confero.test.data")).toAbsolutePath().getParent()
                .resolve("prometheus-metrics");
        try (PrometheusServer prometheus = PrometheusServer.start(configuration, work)) {
            Await.until(SETTLE, () -> prometheus.value("up{job=\"confero\"}"),
                    up -> up.isPresent() && up.getAsDouble() == 1, "Prometheus scraping /prometheus");
            PrometheusScrape baseline = quietOrSteadyServer();
            double participantsBefore = baseline.valueOrZero("confero_participants_active", "zone", "default");
            double udpBefore = baseline.valueOrZero("confero_media_bindings", "media", "audio", "transport", "udp");
            double websocketBefore = baseline.valueOrZero("confero_media_bindings", "media", "audio", "transport",
                    "websocket");
            List<String> queries = dashboardQueries();
            assertThat(queries).hasSizeGreaterThanOrEqualTo(20);
            String meeting = loopback.newMeeting("Metrics in Prometheus");
            try (ConferoClient udpClient = new ConferoClient(loopback.clientOptions().build(), ConnectionListener.NONE);
                    ConferoClient wsClient = new ConferoClient(
                            loopback.clientOptions().disable(Transport.UDP, Transport.TCP).build(),
                            ConnectionListener.NONE);
                    MeetingSession uma = udpClient.join(server, meeting, "Uma", null);
                    MeetingSession walt = wsClient.join(server, meeting, "Walt", null)) {
                exchange(uma, walt, 10);

                String participants = query(queries, "confero_participants_active");
                Await.until(SETTLE, () -> prometheus.value(participants),
                        v -> v.isPresent() && v.getAsDouble() == participantsBefore + 2,
                        "the dashboard's participants per router: " + participants);
                String mix = query(queries, "sum by (media, transport) (confero_media_bindings");
                Await.until(SETTLE,
                        () -> List.of(prometheus.value(mix, "media", "audio", "transport", "udp"),
                                prometheus.value(mix, "media", "audio", "transport", "websocket")),
                        v -> v.get(0).orElse(-1) == udpBefore + 1 && v.get(1).orElse(-1) == websocketBefore + 1,
                        "the dashboard's transport mix: one audio binding over UDP, one over WebSocket: " + mix);
                String packets = query(queries, "rate(confero_relay_packets_total");
                Await.until(SETTLE, () -> prometheus.value(packets, "media", "audio", "direction", "in"),
                        v -> v.isPresent() && v.getAsDouble() > 0,
                        "the dashboard's relay packets a second (audio in): " + packets);

                // Every other panel: Prometheus parses and evaluates the query (it fails the test with its error if
                // not).
                List<String> evaluated = new ArrayList<>();
                for (String query : queries) {
                    prometheus.query(query);
                    evaluated.add(query);
                }
                assertThat(evaluated).hasSameSizeAs(queries);
                assertThat(prometheus.value(query(queries, "confero_router_capacity"))).isPresent();
                // The dashboard's variables: label_values(confero_router_capacity, zone), then the routers of a zone.
                assertThat(prometheus.labelValues("zone", "confero_router_capacity")).contains("default");
                assertThat(prometheus.labelValues("router", "confero_router_capacity{zone=~\"default\"}")).hasSize(1);
                uma.leave();
                walt.leave();
            }
        }
    }

    /**
     * Every PromQL expression of the dashboard's panels, its variables as Grafana fills them with "All" ({@code .*})
     * and {@code $__rate_interval} as 30 s (a 1 s scrape interval leaves many samples in it).
     */
    private static List<String> dashboardQueries() throws Exception {
        Path dashboard = PrometheusServer.repositoryFile("wildfly-config/grafana/confero-dashboard.json");
        List<String> queries = new ArrayList<>();
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(dashboard))) {
            for (JsonValue panel : reader.readObject().getJsonArray("panels")) {
                // Rows have no targets.
                for (JsonValue target : panel.asJsonObject().getOrDefault("targets", JsonValue.EMPTY_JSON_ARRAY)
                        .asJsonArray()) {
                    queries.add(target.asJsonObject().getString("expr").replace("$zone", ".*").replace("$router", ".*")
                            .replace("$__rate_interval", "30s"));
                }
            }
        }
        return queries;
    }

    private static String query(List<String> queries, String containing) {
        return queries.stream().filter(q -> q.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no dashboard query with " + containing));
    }

    @Test
    @Timeout(60)
    void theParticipantsViewIsForAdminsOnly() throws Exception {
        String meeting = loopback.newMeeting("Metrics");
        HttpResponse<String> anonymous = http.get(api.resolve("meetings/" + meeting + "/participants"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = http.send("GET", api.resolve("meetings/12345678901/participants"), null,
                "Authorization", admin);
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    @Timeout(120)
    void aWrongPasscodeAFailedLoginAndAChatMessageAreCountedOnce() throws Exception {
        HttpResponse<String> created = http.send("POST", api.resolve("meetings"),
                "{\"topic\":\"Metrics passcode\",\"passcode\":\"730514\"}", "Authorization", admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String guarded = Http.json(created).getString("id");
        PrometheusScrape before = scrape();

        HttpResponse<String> wrong = http.send("GET", api.resolve("meetings/" + guarded + "/join-info"), null,
                "X-Confero-Passcode", "000000");
        assertThat(wrong.statusCode()).isEqualTo(403);
        HttpResponse<String> badLogin = http.send("GET", api.resolve("meetings"), null, "Authorization",
                Http.basic("admin", "not the password"));
        assertThat(badLogin.statusCode()).isEqualTo(401);
        Await.until(SETTLE, this::scrape,
                s -> s.valueOrZero("confero_passcode_failures_total", "zone",
                        "default") == before.valueOrZero("confero_passcode_failures_total", "zone", "default") + 1
                        && s.valueOrZero("confero_auth_failures_total", "zone",
                                "default") == before.valueOrZero("confero_auth_failures_total", "zone", "default") + 1,
                "exactly one more wrong passcode and one more failed login");

        String meeting = loopback.newMeeting("Metrics");
        try (ConferoClient client = new ConferoClient(loopback.clientOptions().build(), ConnectionListener.NONE);
                MeetingSession ann = client.join(server, meeting, "Ann", null)) {
            double chats = scrape().valueOrZero("confero_chat_messages_total", "kind", "meeting");
            ann.control().chat("hello, metrics");
            PrometheusScrape after = Await.until(SETTLE, this::scrape,
                    s -> s.valueOrZero("confero_chat_messages_total", "kind", "meeting") > chats,
                    "the chat message counted");
            assertThat(after.value("confero_chat_messages_total", "kind", "meeting")).hasValue(chats + 1);
            ann.leave();
        }
    }

    /**
     * Exact values need to know who else the server carries: participants that earlier tests (of any class, on the same
     * server) left by closing their connections are reconnecting until their grace period ends, and their UDP media is
     * bound until consent freshness gives up on it (30 s). Waits for a server without participants or bindings; what is
     * still there after 45 s (something long-lived) is the baseline the exact values are counted from, once two scrapes
     * a sample apart agree on it.
     */
    private PrometheusScrape quietOrSteadyServer() throws Exception {
        try {
            return Await.until(Duration.ofSeconds(45), this::scrape,
                    s -> s.valueOrZero("confero_participants_active", "zone", "default") == 0
                            && s.matching("confero_media_bindings").stream().allMatch(b -> b.value() == 0),
                    "a server without participants or media bindings left by earlier tests");
        } catch (AssertionError notQuiet) {
            PrometheusScrape[] last = { scrape() };
            return Await.until(SETTLE, () -> {
                Thread.sleep(2500); // one sample period (confero.metrics.sample.ms) apart; the condition is re-checked
                return scrape();
            }, s -> {
                boolean same = steady(last[0], s);
                last[0] = s;
                return same;
            }, "a steady baseline");
        }
    }

    private static boolean steady(PrometheusScrape a, PrometheusScrape b) {
        return a.valueOrZero("confero_participants_active", "zone", "default") == b
                .valueOrZero("confero_participants_active", "zone", "default")
                && a.matching("confero_media_bindings").equals(b.matching("confero_media_bindings"));
    }

    /** {@code rounds} packets each way; every one arrives unchanged, and the receivers measure them. */
    private static void exchange(MeetingSession a, MeetingSession b, int rounds) throws Exception {
        MediaConnection fromA = a.media(MediaType.AUDIO).orElseThrow();
        MediaConnection fromB = b.media(MediaType.AUDIO).orElseThrow();
        for (int i = 0; i < rounds; i++) {
            byte[] one = rtp(2 * i, 0xA);
            fromA.send(one);
            byte[] got = fromB.receive(MEDIA_WAIT).orElseThrow(() -> new AssertionError("a → b lost"));
            assertThat(got).isEqualTo(one);
            b.quality(MediaType.AUDIO).orElseThrow().received(got, System.nanoTime());
            byte[] two = rtp(2 * i + 1, 0xB);
            fromB.send(two);
            got = fromA.receive(MEDIA_WAIT).orElseThrow(() -> new AssertionError("b → a lost"));
            assertThat(got).isEqualTo(two);
            a.quality(MediaType.AUDIO).orElseThrow().received(got, System.nanoTime());
        }
    }

    private static byte[] rtp(int sequence, int ssrc) {
        return new byte[] { (byte) 0x80, 111, (byte) (sequence >>> 8), (byte) sequence, 0, 0, (byte) (sequence >>> 8),
                (byte) sequence, 0, 0, 0, (byte) ssrc, 1, 2, 3, 4 };
    }

    /** First byte 0xFF: neither STUN nor RTP/RTCP by RFC 7983, so the relay drops it as NOT_STUN_OR_RTP. */
    private static void sendGarbageDatagram() throws Exception {
        byte[] garbage = { (byte) 0xFF, 0x13, 0x37, 0x00 };
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(garbage, garbage.length, InetAddress.getLoopbackAddress(),
                    Integer.getInteger("confero.media.udp.port", 8901)));
        }
    }

    private PrometheusScrape scrape() throws Exception {
        return PrometheusScrape.of(http, METRICS);
    }

    private JsonObject participants(String meeting) throws Exception {
        HttpResponse<String> response = http.send("GET", api.resolve("meetings/" + meeting + "/participants"), null,
                "Authorization", admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }
}
