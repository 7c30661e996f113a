package org.confero.testsuite.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.confero.client.ConferoClient;
import org.confero.client.ConnectionListener;
import org.confero.client.MeetingSession;
import org.confero.client.Phase;
import org.confero.client.media.MediaConnection;
import org.confero.client.media.MediaOutcome;
import org.confero.client.media.Transport;
import org.confero.protocol.media.MediaType;
import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.LoopbackServer;
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
 * The client library runs the whole connection process against the real server: lookup, probes, assignment, control
 * channel, and media with its UDP → TCP → WebSocket fallback, forced per client by options.
 * <p>
 * The test server listens with a port offset while its public URL says {@code https://localhost:8443}; the zone's
 * controller URL is therefore set through the admin API (real configuration), and the router's WebSocket URLs, which
 * come from {@code confero.mmr.url} ({@code https://localhost:8543}, see arquillian.xml), are mapped to the test
 * server's HTTP port with the client's URL rewrite.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClientLibraryIT {

    private static final Duration MEDIA_WAIT = Duration.ofSeconds(3);

    @ArquillianResource
    private URL base;

    private LoopbackServer loopback;
    private URI server;

    @Deployment(testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @BeforeEach
    void setUp() throws Exception {
        loopback = LoopbackServer.at(base);
        server = loopback.base();
    }

    @Test
    @Timeout(120)
    void twoClientsJoinAndExchangeAudioOverUdp() throws Exception {
        String meeting = loopback.newMeeting("Client library");
        RecordingListener aliceSaw = new RecordingListener();
        try (ConferoClient aliceClient = new ConferoClient(loopback.clientOptions().build(), aliceSaw);
                ConferoClient bobClient = new ConferoClient(loopback.clientOptions().build(), ConnectionListener.NONE);
                MeetingSession alice = aliceClient.join(server, meeting, "Alice", null);
                MeetingSession bob = bobClient.join(server, meeting, "Bob", null)) {
            assertThat(alice.media(MediaType.AUDIO)).map(MediaConnection::transport).hasValue(Transport.UDP);
            assertThat(bob.media(MediaType.AUDIO)).map(MediaConnection::transport).hasValue(Transport.UDP);
            assertExchange(alice.media(MediaType.AUDIO).orElseThrow(), bob.media(MediaType.AUDIO).orElseThrow());

            assertThat(aliceSaw.events).containsSubsequence("LOOKUP started", "LOOKUP ok", "ZONE_SELECTION started",
                    "ZONE_SELECTION ok", "ASSIGNMENT started", "ASSIGNMENT ok", "CONTROL started", "CONTROL ok",
                    "MEDIA started", "MEDIA ok");
            assertThat(aliceSaw.events).contains("AUDIO via UDP", "VIDEO via UDP", "CONTENT via UDP")
                    .noneMatch(e -> e.endsWith("failed"));
            assertThat(alice.control().welcome().getString("type")).isEqualTo("joined");
        }
    }

    @Test
    @Timeout(120)
    void withoutUdpAClientFallsBackToTcpAndHearsAUdpClient() throws Exception {
        String meeting = loopback.newMeeting("Client library");
        RecordingListener tcpSaw = new RecordingListener();
        try (ConferoClient udpClient = new ConferoClient(loopback.clientOptions().build(), ConnectionListener.NONE);
                ConferoClient tcpClient = new ConferoClient(loopback.clientOptions().disable(Transport.UDP).build(),
                        tcpSaw);
                MeetingSession udp = udpClient.join(server, meeting, "Uma", null);
                MeetingSession tcp = tcpClient.join(server, meeting, "Tom", null)) {
            assertThat(tcp.media(MediaType.AUDIO)).map(MediaConnection::transport).hasValue(Transport.TCP);
            assertThat(tcp.media(MediaType.VIDEO)).map(MediaConnection::transport).hasValue(Transport.TCP);
            assertExchange(udp.media(MediaType.AUDIO).orElseThrow(), tcp.media(MediaType.AUDIO).orElseThrow());
            assertExchange(tcp.media(MediaType.VIDEO).orElseThrow(), udp.media(MediaType.VIDEO).orElseThrow());
            assertThat(tcpSaw.events).contains("MEDIA ok", "AUDIO via TCP");
        }
    }

    @Test
    @Timeout(120)
    void withoutUdpAndTcpAClientUsesWebSocketAndHearsTheOthers() throws Exception {
        String meeting = loopback.newMeeting("Client library");
        RecordingListener wsSaw = new RecordingListener();
        try (ConferoClient udpClient = new ConferoClient(loopback.clientOptions().build(), ConnectionListener.NONE);
                ConferoClient wsClient = new ConferoClient(
                        loopback.clientOptions().disable(Transport.UDP, Transport.TCP).build(), wsSaw);
                MeetingSession udp = udpClient.join(server, meeting, "Uma", null);
                MeetingSession ws = wsClient.join(server, meeting, "Walt", null)) {
            assertThat(ws.media(MediaType.AUDIO)).map(MediaConnection::transport).hasValue(Transport.WEBSOCKET);
            assertExchange(udp.media(MediaType.AUDIO).orElseThrow(), ws.media(MediaType.AUDIO).orElseThrow());
            assertExchange(ws.media(MediaType.CONTENT).orElseThrow(), udp.media(MediaType.CONTENT).orElseThrow());
            assertThat(wsSaw.events).contains("MEDIA ok", "AUDIO via WEBSOCKET", "CONTENT via WEBSOCKET");
        }
    }

    /** A packet each way, and the receiver gets exactly what was sent. */
    private static void assertExchange(MediaConnection a, MediaConnection b) throws Exception {
        byte[] fromA = { (byte) 0x80, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 7, 1, 2, 3 };
        a.send(fromA);
        assertThat(b.receive(MEDIA_WAIT)).as("%s → %s", a.transport(), b.transport()).hasValue(fromA);
        byte[] fromB = { (byte) 0x80, 96, 0, 2, 0, 0, 0, 2, 0, 0, 0, 8, 4, 5, 6 };
        b.send(fromB);
        assertThat(a.receive(MEDIA_WAIT)).as("%s → %s", b.transport(), a.transport()).hasValue(fromB);
    }

    private static final class RecordingListener implements ConnectionListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void phaseStarted(Phase phase) {
            events.add(phase + " started");
        }

        @Override
        public void phaseSucceeded(Phase phase, String detail) {
            events.add(phase + " ok");
        }

        @Override
        public void phaseFailed(Phase phase, String reason) {
            events.add(phase + " failed: " + reason);
        }

        @Override
        public void mediaConnected(MediaOutcome outcome) {
            events.add(outcome.mediaType() + outcome.connection().map(c -> " via " + c.transport()).orElse(" failed"));
        }
    }
}
