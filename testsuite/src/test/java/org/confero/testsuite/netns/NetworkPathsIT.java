package org.confero.testsuite.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.json.JsonObject;

import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.Http;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connection process through real network trouble. The server binds the host side of the test network
 * (scripts/netns.sh); the real {@code confero} command line runs in the client namespace {@code cfc}, where each test
 * drops traffic with nftables, delays a zone's link (DelayLine) or allows only a real proxy (tinyproxy). A second
 * participant joins from the host over UDP and exchanges test media with it, so every join is checked both ways: the
 * command line received the peer's packets, and the peer received the command line's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NetworkPathsIT {

    private static final String SERVER = "https://" + TestNetwork.WEB + ":" + TestNetwork.HTTPS;
    private static final int NEAR_LINK = 8651;
    private static final int FAR_LINK = 8652;
    private static final Path CA = Path.of(System.getProperty("confero.test.data"), "tls", "confero.crt");

    private final Http http = new Http();

    @Deployment(name = "confero", order = 1, testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @Deployment(name = "fixture", order = 2, testable = false)
    static WebArchive fixture() {
        return ConferoDeployment.besideTheEar("netns-fixture.war").addClasses(FarRouterServlet.class,
                TestNetwork.class);
    }

    /** Zone "default" (this server's router) answers on the near link, zone "far" on the far link. */
    @BeforeAll
    static void zones() throws Exception {
        putZone("default", TestNetwork.NEAR, TestNetwork.HTTPS);
        putZone("far", TestNetwork.FAR, TestNetwork.HTTPS);
    }

    private static void putZone(String id, String address, int port) throws Exception {
        NetnsAdmin.firstStartAdmin().putZone(id, address, port);
    }

    @AfterEach
    void openTheNetwork() throws Exception {
        TestNetwork.clearBlocks();
    }

    @Test
    @Timeout(120)
    void udpDroppedMediaTakesTcp() throws Exception {
        TestNetwork.block("udp dport " + TestNetwork.MEDIA + " drop");
        CliRun run = joinWithPeer();
        assertMedia(run, "TCP", "UDP");
    }

    @Test
    @Timeout(120)
    void allOfTheMediaPortDroppedMediaTakesTls() throws Exception {
        TestNetwork.block("udp dport " + TestNetwork.MEDIA + " drop", "tcp dport " + TestNetwork.MEDIA + " drop");
        CliRun run = joinWithPeer();
        assertMedia(run, "WEBSOCKET", "UDP", "TCP");
    }

    @Test
    @Timeout(120)
    void theNearerZoneIsChosen() throws Exception {
        URI fixture = URI.create("http://" + TestNetwork.NEAR + ":" + TestNetwork.HTTP + "/netns-fixture/far-router");
        assertThat(http.post(fixture).statusCode()).isEqualTo(204);
        InetSocketAddress server = new InetSocketAddress(TestNetwork.NEAR, TestNetwork.HTTPS);
        // Each zone's controller behind a link of its own with a delay of its own (see DelayLine: no netem here).
        try (DelayLine near = new DelayLine(new InetSocketAddress(TestNetwork.NEAR, NEAR_LINK), server, 2);
                DelayLine far = new DelayLine(new InetSocketAddress(TestNetwork.FAR, FAR_LINK), server, 60)) {
            putZone("default", TestNetwork.NEAR, NEAR_LINK);
            putZone("far", TestNetwork.FAR, FAR_LINK);
            CliRun nearer = joinWithPeer();
            assertThat(bestController(nearer)).as(nearer.toString()).contains(TestNetwork.NEAR + ":" + NEAR_LINK);
            assertMedia(nearer, "UDP");

            // The same two zones with the delays swapped: the measurement decides, not the order of the lookup.
            near.delay(60);
            far.delay(2);
            CliRun farther = CliRun.start(Duration.ofSeconds(60), "join", newMeeting(), "--server", SERVER, "--ca-cert",
                    CA.toString(), "--duration", "1").finish();
            assertThat(bestController(farther)).as(farther.toString()).contains(TestNetwork.FAR + ":" + FAR_LINK);
            assertThat(farther.exitCode).as(farther.toString()).isZero();
        } finally {
            http.send("DELETE", fixture, null);
            zones();
        }
    }

    @Test
    @Timeout(120)
    void onlyAProxyAllowedTheJoinGoesThroughIt() throws Exception {
        try (Tinyproxy proxy = Tinyproxy.start(Path.of(System.getProperty("confero.tinyproxy.dir")))) {
            TestNetwork.block("ip daddr " + TestNetwork.WEB + " tcp dport " + Tinyproxy.PORT + " accept",
                    "ip daddr 10.77.0.0/16 drop");
            CliRun run = joinWithPeer("--proxy", TestNetwork.WEB + ":" + Tinyproxy.PORT);
            assertMedia(run, "WEBSOCKET");
            assertThat(proxy.log()).as("the proxy carried the lookup and the router's connections")
                    .contains("CONNECT " + TestNetwork.WEB + ":" + TestNetwork.HTTPS)
                    .contains("CONNECT " + TestNetwork.NEAR + ":" + TestNetwork.HTTPS);
        }
    }

    @Test
    @Timeout(120)
    void theProbeReportsWhichTransportsWork() throws Exception {
        TestNetwork.block("udp dport " + TestNetwork.MEDIA + " drop");
        CliRun run = CliRun.start(Duration.ofSeconds(60), "probe", SERVER, "--ca-cert", CA.toString()).finish();
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.event("server").orElseThrow().getString("clientAddress")).isEqualTo("10.77.3.2");
        JsonObject checks = run.events("transports").stream().filter(t -> t.getString("zone").equals("default"))
                .findFirst().orElseThrow();
        java.util.Map<String, Boolean> works = new java.util.HashMap<>();
        checks.getJsonArray("checks").getValuesAs(JsonObject.class)
                .forEach(c -> works.put(c.getString("transport"), c.getBoolean("works")));
        assertThat(works).as(run.toString()).containsEntry("UDP", false).containsEntry("TCP", true)
                .containsEntry("WEBSOCKET", true);
        assertThat(run.event("verdict").orElseThrow().getString("best")).endsWith(" over TCP");

        // Everything to the routers dropped as well: nothing works, and the exit code says so.
        TestNetwork.block("ip daddr " + TestNetwork.NEAR + " drop", "udp dport " + TestNetwork.MEDIA + " drop",
                "tcp dport " + TestNetwork.MEDIA + " drop");
        CliRun none = CliRun.start(Duration.ofSeconds(60), "probe", SERVER, "--ca-cert", CA.toString()).finish();
        assertThat(none.exitCode).as(none.toString()).isEqualTo(4);
        assertThat(none.event("verdict").orElseThrow().getBoolean("connects")).isFalse();
    }

    @Test
    @Timeout(120)
    void nothingConnectsTheWebClientUrlIsPrinted() throws Exception {
        String meeting = newMeeting();
        String webClient = SERVER + "/join/" + meeting;

        // The web server answers, but no zone controller, router or media port does: the lookup's browser URL.
        TestNetwork.block("ip daddr { " + TestNetwork.NEAR + ", " + TestNetwork.FAR + " } drop");
        CliRun zonesGone = CliRun.start(Duration.ofSeconds(60), "join", meeting, "--server", SERVER, "--ca-cert",
                CA.toString(), "--duration", "1").finish();
        assertThat(zonesGone.exitCode).as(zonesGone.toString()).isEqualTo(4);
        assertThat(zonesGone.phase("zone-selection").orElseThrow().getString("status")).isEqualTo("failed");
        assertThat(zonesGone.event("unreachable").orElseThrow().getString("webClientUrl")).isEqualTo(webClient);

        // Everything dropped: not even the lookup answers, and the command line still says where the browser goes.
        TestNetwork.block("ip daddr 10.77.0.0/16 drop");
        CliRun allGone = CliRun.start(Duration.ofSeconds(60), "join", meeting, "--server", SERVER, "--ca-cert",
                CA.toString(), "--timeout", "3", "--duration", "1").finish();
        assertThat(allGone.exitCode).as(allGone.toString()).isEqualTo(4);
        assertThat(allGone.phase("lookup").orElseThrow().getString("status")).isEqualTo("failed");
        assertThat(allGone.event("unreachable").orElseThrow().getString("webClientUrl")).isEqualTo(webClient);
    }

    // A peer on the host joins over UDP and sends test audio and video while the command line joins from the
    // namespace with --require-media (exit 5 unless it received something); then the peer must have heard it too.
    private CliRun joinWithPeer(String... extra) throws Exception {
        String meeting = newMeeting();
        try (HostPeer peer = new HostPeer(SERVER, CA, meeting)) {
            List<String> args = new java.util.ArrayList<>(List.of("join", meeting, "--name", "cli", "--server", SERVER,
                    "--ca-cert", CA.toString(), "--duration", "3", "--require-media"));
            args.addAll(List.of(extra));
            CliRun run = CliRun.start(Duration.ofSeconds(90), args.toArray(String[]::new)).finish();
            assertThat(peer.heardAudio()).as("the peer received the command line's audio; " + run).isPositive();
            return run;
        }
    }

    /**
     * The command line joined; audio took {@code transport} after {@code failedFirst} failed, and video and content
     * went straight to it (a transport that failed for one media type is not waited out again); it received media.
     */
    private static void assertMedia(CliRun run, String transport, String... failedFirst) {
        assertThat(run.exitCode).as(run.toString()).isZero();
        for (JsonObject media : run.events("media")) {
            assertThat(media.getString("transport")).as(media.toString()).isEqualTo(transport);
            List<String> tried = media.getJsonArray("attempts").getValuesAs(JsonObject.class).stream()
                    .map(a -> a.getString("transport")).toList();
            List<String> expected = new java.util.ArrayList<>(
                    media.getString("mediaType").equals("audio") ? List.of(failedFirst) : List.of());
            expected.add(transport);
            assertThat(tried).as(media.toString()).containsExactlyElementsOf(expected);
        }
        JsonObject audio = run.event("summary").orElseThrow().getJsonObject("media").getJsonObject("audio");
        assertThat(audio.getJsonNumber("testPackets").longValue()).as(run.toString()).isPositive();
        assertThat(audio.getJsonNumber("sent").longValue()).isPositive();
    }

    private static String bestController(CliRun run) {
        return run.event("zones").orElseThrow().getJsonArray("results").getJsonObject(0).getString("controller");
    }

    private String newMeeting() throws Exception {
        return NetnsAdmin.firstStartAdmin().newMeeting("network paths");
    }
}
