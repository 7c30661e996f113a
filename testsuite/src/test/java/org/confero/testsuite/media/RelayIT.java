package org.confero.testsuite.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.naming.InitialContext;

import org.confero.media.api.MediaConnection;
import org.confero.media.api.MediaConnectionFactory;
import org.confero.media.api.RelayStatistics;
import org.confero.mmr.api.MediaConnectionView;
import org.confero.mmr.api.MediaConnections;
import org.confero.protocol.media.MediaType;
import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.UdpMediaClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The relay resource adapter as deployed in the real EAR, driven through its connection factory from inside the server:
 * two participants bind over real UDP on the server's media port, media flows both ways unchanged, the relay's events
 * reach the message-driven bean, and a revoked participant gets nothing more.
 */
@ExtendWith(ArquillianExtension.class)
class RelayIT {

    @Resource(lookup = MediaConnectionFactory.JNDI_NAME)
    private MediaConnectionFactory factory;

    @Deployment(name = "confero", order = 1, testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    /** The test itself runs in this WAR, which sees the EAR's lib/ (API and protocol) through a module dependency. */
    @Deployment(name = "relay-test", order = 2)
    static WebArchive relayTest() {
        return ShrinkWrap.create(WebArchive.class, "relay-test.war").addClasses(RelayIT.class, UdpMediaClient.class)
                .addAsWebInfResource(new StringAsset("""
                        <jboss-deployment-structure xmlns="urn:jboss:deployment-structure:1.2">
                            <deployment>
                                <dependencies>
                                    <module name="deployment.confero.ear"/>
                                </dependencies>
                            </deployment>
                        </jboss-deployment-structure>
                        """), "jboss-deployment-structure.xml");
    }

    @Test
    @Timeout(60)
    @OperateOnDeployment("relay-test")
    void mediaFlowsBetweenBoundParticipantsAndStopsAtRevocation() throws Exception {
        String meeting = "relay-it-" + UUID.randomUUID();
        InetSocketAddress relay = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.getInteger("confero.media.udp.port", 8801));
        MediaConnections presence = (MediaConnections) new InitialContext().lookup(MediaConnections.JNDI_NAME);

        try (MediaConnection connection = factory.getConnection()) {
            assertTrue(connection.status().isUp(), connection.status().detail());
            connection.openMeeting(meeting);
            try (UdpMediaClient alice = new UdpMediaClient(relay,
                    connection.admit(meeting, "alice", MediaType.AUDIO, Duration.ofMinutes(5)), MediaType.AUDIO);
                    UdpMediaClient bob = new UdpMediaClient(relay,
                            connection.admit(meeting, "bob", MediaType.AUDIO, Duration.ofMinutes(5)),
                            MediaType.AUDIO)) {
                alice.bind();
                bob.bind();

                byte[] fromAlice = rtp(1, 0xA11CE);
                alice.send(fromAlice);
                assertArrayEquals(fromAlice, bob.receiveMedia(3000).orElseThrow(), "alice → bob unchanged");
                byte[] fromBob = rtp(1, 0xB0B);
                bob.send(fromBob);
                assertArrayEquals(fromBob, alice.receiveMedia(3000).orElseThrow(), "bob → alice unchanged");

                List<MediaConnectionView> bound = awaitConnections(presence, meeting, 2);
                assertEquals(List.of("alice", "bob"), bound.stream().map(MediaConnectionView::participantId).toList());
                assertTrue(bound.stream().allMatch(view -> view.transport().equals("udp")));

                connection.revoke(meeting, "bob");
                alice.send(rtp(2, 0xA11CE));
                assertEquals(Optional.empty(), bob.receiveMedia(1000), "nothing reaches a revoked participant");
                bob.send(rtp(2, 0xB0B));
                assertEquals(Optional.empty(), alice.receiveMedia(1000), "nothing is forwarded from one either");
                awaitConnections(presence, meeting, 1);

                RelayStatistics stats = connection.statistics(meeting).orElseThrow();
                assertEquals(2, stats.packetsOut(), "exactly the two forwarded packets left the relay: " + stats);
            } finally {
                connection.closeMeeting(meeting);
            }
        }
    }

    private static List<MediaConnectionView> awaitConnections(MediaConnections presence, String meeting, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<MediaConnectionView> seen = presence.ofMeeting(meeting);
        while (seen.size() != count && System.nanoTime() < deadline) {
            Thread.sleep(50); // the message-driven bean runs asynchronously; the condition is re-checked
            seen = presence.ofMeeting(meeting);
        }
        assertEquals(count, seen.size(), "bound connections reported by the relay's events: " + seen);
        return seen;
    }

    private static byte[] rtp(int sequence, int ssrc) {
        return new byte[] { (byte) 0x80, 0x00, 0, (byte) sequence, 0, 0, 0, 1, (byte) (ssrc >>> 24),
                (byte) (ssrc >>> 16), (byte) (ssrc >>> 8), (byte) ssrc, 1, 2, 3, 4 };
    }
}
