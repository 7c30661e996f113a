package org.confero.testsuite.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.confero.testsuite.support.Commands;
import org.confero.testsuite.support.ConferoDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connection ladder raced (issue 20), through silent drops on the client namespace's links: the transport the race
 * chooses, the losers' sockets closed while the meeting goes on, and the move back to UDP once UDP is let through —
 * without losing a packet either way (the host peer counts the command line's test packets, the command line the
 * peer's; both number them, so a gap is a loss).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LadderRaceIT {

    private static final String SERVER = "https://" + TestNetwork.WEB + ":" + TestNetwork.HTTPS;
    private static final Path CA = Path.of(System.getProperty("confero.test.data"), "tls", "confero.crt");
    private static final String MEDIA_PORT = TestNetwork.NEAR + ":" + TestNetwork.MEDIA;

    private static NetnsAdmin admin;

    @Deployment(name = "confero", testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @BeforeAll
    static void zone() throws Exception {
        admin = NetnsAdmin.firstStartAdmin();
        admin.putZone("default", TestNetwork.NEAR, TestNetwork.HTTPS);
    }

    @AfterEach
    void openTheNetwork() throws Exception {
        TestNetwork.clearBlocks();
    }

    @Test
    @Timeout(120)
    void udpDroppedTcpWinsTheRaceAndTheLosingUdpSocketIsClosed() throws Exception {
        TestNetwork.block("udp dport " + TestNetwork.MEDIA + " drop");
        try (HostPeer peer = new HostPeer(SERVER, CA, newMeeting())) {
            CliRun.Running cli = join(peer, "--no-udp-upgrade", "--duration", "4");
            JsonObject audio = awaitAllMedia(cli);

            assertThat(audio.getString("transport")).isEqualTo("TCP");
            assertRaced(audio, "UDP", Duration.ofSeconds(2));
            assertThat(socketsToTheMediaPort()).as("the UDP loser's socket").noneMatch(s -> s.startsWith("udp"))
                    .allMatch(s -> s.contains("ESTAB"));
            CliRun run = cli.finish();
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(peer.heardAudio()).isPositive();
        }
    }

    @Test
    @Timeout(120)
    void mediaPortDroppedWebSocketWinsAndNoLoserSocketIsLeft() throws Exception {
        TestNetwork.block("udp dport " + TestNetwork.MEDIA + " drop", "tcp dport " + TestNetwork.MEDIA + " drop");
        try (HostPeer peer = new HostPeer(SERVER, CA, newMeeting())) {
            CliRun.Running cli = join(peer, "--no-udp-upgrade", "--duration", "4");
            JsonObject audio = awaitAllMedia(cli);

            assertThat(audio.getString("transport")).isEqualTo("WEBSOCKET");
            assertRaced(audio, "UDP", Duration.ofSeconds(2));
            assertRaced(audio, "TCP", Duration.ofSeconds(3));
            assertThat(socketsToTheMediaPort()).as("neither loser keeps a socket (no SYN-SENT, no UDP)").isEmpty();
            CliRun run = cli.finish();
            assertThat(run.exitCode).as(run.toString()).isZero();
        }
    }

    @Test
    @Timeout(150)
    void onceUdpIsLetThroughMediaMovesBackToItWithoutLosingAPacket() throws Exception {
        TestNetwork.block("udp dport " + TestNetwork.MEDIA + " drop");
        try (HostPeer peer = new HostPeer(SERVER, CA, newMeeting())) {
            CliRun.Running cli = join(peer, "--duration", "16");
            assertThat(awaitAllMedia(cli).getString("transport")).isEqualTo("TCP");
            Thread.sleep(2000); // media flows over TCP for a while, as in a meeting

            TestNetwork.clearBlocks();
            long lifted = System.nanoTime();
            cli.awaitEvent("transport-changed", e -> e.getString("mediaType").equals("audio"), Duration.ofSeconds(10));
            Duration audioBack = Duration.ofNanos(System.nanoTime() - lifted);
            CliRun run = cli.finish();

            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(audioBack).isLessThan(Duration.ofSeconds(10));
            Set<String> moved = run.events("transport-changed").stream()
                    .filter(e -> e.getString("from").equals("TCP") && e.getString("to").equals("UDP"))
                    .map(e -> e.getString("mediaType")).collect(Collectors.toSet());
            assertThat(moved).as(run.toString()).contains("audio", "video");
            JsonObject summary = run.event("summary").orElseThrow().getJsonObject("media");
            assertThat(summary.getJsonObject("audio").getString("transport")).isEqualTo("UDP");
            for (String type : List.of("audio", "video")) {
                JsonObject received = summary.getJsonObject(type);
                assertThat(received.getJsonNumber("testPackets").longValue()).as(type).isGreaterThan(100);
                assertThat(received.getJsonNumber("loss").doubleValue()).as(type + " received, across the move")
                        .isZero();
            }
            assertThat(peer.heardAudio()).isGreaterThan(300);
            assertThat(peer.audioLoss()).as("the command line's audio at the peer, across the move").isZero();
        }
    }

    /** Waits until the command line bound all of its media; returns audio's media event. */
    private static JsonObject awaitAllMedia(CliRun.Running cli) throws InterruptedException {
        JsonObject audio = cli.awaitEvent("media", e -> e.getString("mediaType").equals("audio"),
                Duration.ofSeconds(60));
        cli.awaitEvent("media", e -> e.getString("mediaType").equals("content"), Duration.ofSeconds(30));
        return audio;
    }

    /** Audio raced: {@code loser} was cancelled when the winner bound, well before its own timeout. */
    private static void assertRaced(JsonObject audio, String loser, Duration loserTimeout) {
        JsonObject attempt = audio.getJsonArray("attempts").getValuesAs(JsonObject.class).stream()
                .filter(a -> a.getString("transport").equals(loser)).findFirst().orElseThrow();
        assertThat(attempt.getString("failure")).as(audio.toString()).startsWith("cancelled");
        assertThat(attempt.getJsonNumber("ms").longValue()).as(audio.toString())
                .isLessThan(loserTimeout.toMillis() / 2);
    }

    private CliRun.Running join(HostPeer peer, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("join", peer.meeting(), "--name", "cli", "--server", SERVER,
                "--ca-cert", CA.toString(), "--require-media"));
        args.addAll(List.of(extra));
        return CliRun.start(Duration.ofSeconds(90), args.toArray(String[]::new));
    }

    /**
     * Every open socket in the client namespace whose peer is the router's media port, one line each (ss -Htanu);
     * TIME-WAIT is a connection already closed (an earlier test's), not a socket anyone holds.
     */
    private static List<String> socketsToTheMediaPort() throws Exception {
        Commands.Result ss = Commands.exec(TestNetwork.inClient(List.of("ss", "-Htanu")), null, Duration.ofSeconds(20));
        assertThat(ss.status()).as(ss.output()).isZero();
        return ss.output().lines().filter(l -> l.contains(MEDIA_PORT) && !l.contains("TIME-WAIT")).toList();
    }

    private static String newMeeting() throws Exception {
        return admin.newMeeting("ladder race");
    }
}
