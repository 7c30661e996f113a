package org.confero.testsuite.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.json.JsonObject;

import org.confero.client.http.HttpTransport;
import org.confero.client.http.TlsTrust;
import org.confero.client.tunnel.TunnelConnection;
import org.confero.client.tunnel.TunnelResponse;
import org.confero.testsuite.api.FirstStartCredentials;
import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.Http;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTP tunnel fallback through real network trouble: from the client namespace, the zone controllers, the router
 * and every media port are dropped; only the web address (10.77.3.1) answers, where two tunnels are listed — one direct
 * and one behind a 1.5 s delay line. The real command line must find no zone controller within 5.5 s, take the tunnel
 * that answers first, and complete assignment, control and media through it, with media both ways.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TunnelPathsIT {

    private static final String SERVER = "https://" + TestNetwork.WEB + ":" + TestNetwork.HTTPS;
    private static final URI API = URI.create("http://" + TestNetwork.NEAR + ":" + TestNetwork.HTTP + "/api/v1/");
    private static final Path CA = Path.of(System.getProperty("confero.test.data"), "tls", "confero.crt");
    private static final int SLOW_TUNNEL = 8653;
    /** What the tunnel may add to the 5.5 s zone selection: ping race, tunnel handshake, assignment, control. */
    private static final long TUNNEL_BOUND_MS = 3000;

    private static String admin;
    private final Http http = new Http();

    @Deployment(testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @BeforeAll
    static void tunnelsAndZones() throws Exception {
        admin = Http.basic("admin", FirstStartCredentials.adminPassword());
        Http http = new Http();
        put(http, "zones/default", "{\"name\":\"default\",\"state\":\"enabled\",\"controllerUrls\":[\"https://"
                + TestNetwork.NEAR + ":" + TestNetwork.HTTPS + "/api/v1/zc\"]}");
        put(http, "tunnels/slow", "{\"url\":\"https://" + TestNetwork.WEB + ":" + SLOW_TUNNEL
                + "\",\"region\":\"behind 1.5 s\",\"state\":\"enabled\"}");
        put(http, "tunnels/fast", "{\"url\":\"" + SERVER + "\",\"region\":\"direct\",\"state\":\"enabled\"}");
    }

    /** The tunnels go again: the other network tests on this server expect a deployment without tunnels. */
    @AfterAll
    static void removeTunnels() throws Exception {
        Http http = new Http();
        for (String tunnel : List.of("tunnels/slow", "tunnels/fast")) {
            HttpResponse<String> r = http.send("DELETE", API.resolve(tunnel), null, "Authorization", admin);
            assertThat(r.statusCode()).as(r.body()).isIn(200, 204, 404);
        }
    }

    private static void put(Http http, String path, String body) throws Exception {
        HttpResponse<String> r = http.send("PUT", API.resolve(path), body, "Authorization", admin);
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
    }

    @AfterEach
    void openTheNetwork() throws Exception {
        TestNetwork.clearBlocks();
    }

    @Test
    @Timeout(120)
    void zoneControllersUnreachableTheFirstAnsweringTunnelCarriesTheJoin() throws Exception {
        String meeting = newMeeting();
        try (DelayLine slow = new DelayLine(new InetSocketAddress(TestNetwork.WEB, SLOW_TUNNEL),
                new InetSocketAddress(TestNetwork.NEAR, TestNetwork.HTTPS), 1500);
                HostPeer peer = new HostPeer(SERVER, CA, meeting)) {
            TestNetwork.block("ip daddr { " + TestNetwork.NEAR + ", " + TestNetwork.FAR + " } drop");
            CliRun run = CliRun.start(Duration.ofSeconds(90), "join", meeting, "--name", "tunnelled", "--server",
                    SERVER, "--ca-cert", CA.toString(), "--duration", "3", "--require-media").finish();

            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.phase("zone-selection").orElseThrow().getString("status")).isEqualTo("failed");
            JsonObject tunnel = run.phase("tunnel").orElseThrow();
            assertThat(tunnel.getString("status")).isEqualTo("ok");
            assertThat(tunnel.getString("detail")).as("the direct tunnel answers first").endsWith(SERVER);
            double lookupDone = run.phase("lookup").orElseThrow().getJsonNumber("atMs").doubleValue();
            double controlDone = run.phase("control").orElseThrow().getJsonNumber("atMs").doubleValue();
            assertThat(controlDone - lookupDone).as("joined within 5.5 s plus the tunnel's bound")
                    .isLessThan(5500 + TUNNEL_BOUND_MS);
            assertThat(run.event("joined").orElseThrow().getBoolean("tunnelled")).isTrue();
            for (JsonObject media : run.events("media")) {
                assertThat(media.getString("transport")).isEqualTo("WEBSOCKET");
            }
            JsonObject audio = run.event("summary").orElseThrow().getJsonObject("media").getJsonObject("audio");
            assertThat(audio.getJsonNumber("testPackets").longValue()).as(run.toString()).isPositive();
            assertThat(audio.getString("transport")).as("issue 22: the summary names the tunnel").isEqualTo("TUNNEL");
            assertThat(peer.heardAudio()).as("the peer heard the tunnelled participant").isPositive();
        }
    }

    @Test
    @Timeout(60)
    void theTunnelRefusesTargetsOutsideTheDeployment() throws Exception {
        String joinToken = joinToken(newMeeting());
        HttpClient client = HttpTransport.client(TlsTrust.context(false, java.util.Optional.of(CA), new char[0]),
                java.util.Optional.empty(), Duration.ofSeconds(10),
                java.util.concurrent.Executors.newFixedThreadPool(2));
        try (TunnelConnection tunnel = TunnelConnection.open(client, URI.create(SERVER), joinToken,
                Duration.ofSeconds(10))) {
            TunnelResponse probe = tunnel.request("GET",
                    URI.create("https://" + TestNetwork.NEAR + ":" + TestNetwork.HTTPS + "/api/v1/zc/probe?seq=1"),
                    null);
            assertThat(probe.status()).as("a zone controller is a Confero target").isEqualTo(200);
            for (String target : List.of("https://" + TestNetwork.NEAR + ":" + TestNetwork.HTTPS + "/api/v1/users",
                    "http://" + TestNetwork.NEAR + ":" + TestNetwork.HTTP + "/healthCheck",
                    "https://" + TestNetwork.NEAR + ":" + TestNetwork.HTTPS + "/api/v1/zc/../users",
                    "http://169.254.169.254/latest/meta-data/")) {
                TunnelResponse refused = tunnel.request("GET", URI.create(target), null);
                assertThat(refused.status()).as(target).isEqualTo(403);
                assertThat(refused.body()).as(target).contains("tunnel-target-forbidden");
            }
        }
    }

    private String joinToken(String meeting) throws Exception {
        HttpResponse<String> info = http.send("GET", API.resolve("meetings/" + meeting + "/join-info?name=probe"),
                null);
        assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
        return Http.json(info).getString("joinToken");
    }

    private String newMeeting() throws Exception {
        return NetnsAdmin.firstStartAdmin().newMeeting("tunnel");
    }
}
