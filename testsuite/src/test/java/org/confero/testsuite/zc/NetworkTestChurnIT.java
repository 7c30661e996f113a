package org.confero.testsuite.zc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import org.confero.media.api.MediaConnection;
import org.confero.media.api.MediaConnectionFactory;
import org.confero.media.api.RelayOccupancy;
import org.confero.mmr.MediaPresence;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView;
import org.confero.router.MeetingPlacements;
import org.confero.router.ZoneController;
import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.UdpMediaClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Memory that only grew (issue 18, attack 6): 1,000 network tests — each a throwaway meeting placed on the router, one
 * participant bound over real UDP, then expired — leave the router's per-meeting state where it was before them: the
 * relay's open meetings, bindings and UDP index, the media connection records, the placements. Runs inside the server
 * (a WAR beside the EAR) to read that state directly.
 */
@ExtendWith(ArquillianExtension.class)
class NetworkTestChurnIT {

    private static final int TESTS = 1000;

    @Resource(lookup = MediaConnectionFactory.JNDI_NAME)
    private MediaConnectionFactory relays;

    @Deployment(name = "confero", order = 1, testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @Deployment(name = "churn-test", order = 2)
    static WebArchive churnTest() {
        return ConferoDeployment.besideTheEar("churn-test.war").addClasses(NetworkTestChurnIT.class,
                UdpMediaClient.class);
    }

    @Test
    @Timeout(240)
    @OperateOnDeployment("churn-test")
    void athousandExpiredNetworkTestsLeaveTheStateAtItsBaseline() throws Exception {
        ZoneController controller = bean("ZoneController", ZoneController.class);
        MediaPresence presence = bean("MediaPresence", MediaPresence.class);
        MeetingPlacements placements = bean("MeetingPlacements", MeetingPlacements.class);
        Held before = held(presence, placements);

        List<String> meetings = new ArrayList<>();
        for (int i = 0; i < TESTS; i++) {
            String meeting = "nt-churn-" + i + "-" + System.nanoTime();
            AssignmentView assignment = controller.assignTest(meeting, "p-" + i, Duration.ofSeconds(2));
            InetSocketAddress udp = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    assignment.media().udpPort());
            try (UdpMediaClient client = new UdpMediaClient(udp, assignment.credentials().get("audio"),
                    MediaType.AUDIO)) {
                client.bind();
            }
            meetings.add(meeting);
        }
        Held during = held(presence, placements);
        assertTrue(during.relay().meetings() >= before.relay().meetings() + TESTS / 2,
                "the tests' meetings were open on the relay: " + during);

        // The placements expire after 2 s; a read finds them expired (as the expiration reaper would) and the router
        // closes each on its relay. The connection records keep a 30 s tombstone against out-of-order events.
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        Held after = during;
        while (System.nanoTime() < deadline) {
            Thread.sleep(2000);
            meetings.forEach(placements::homeOf);
            after = held(presence, placements);
            if (after.sameAs(before)) {
                break;
            }
        }
        assertEquals(before.relay().meetings(), after.relay().meetings(), "open meetings: " + after);
        assertEquals(before.relay().endpoints(), after.relay().endpoints(), "bindings: " + after);
        assertEquals(before.relay().udpAddresses(), after.relay().udpAddresses(), "UDP index: " + after);
        assertEquals(before.records(), after.records(), "media connection records: " + after);
        assertEquals(before.placements(), after.placements(), "placements: " + after);
        assertTrue(after.relay().rememberedCloses() <= before.relay().rememberedCloses() + TESTS,
                "closes are remembered at most once per meeting (and forgotten after the longest token lifetime): "
                        + after);
    }

    private record Held(RelayOccupancy relay, int records, int placements) {
        boolean sameAs(Held other) {
            return relay.meetings() == other.relay.meetings() && relay.endpoints() == other.relay.endpoints()
                    && relay.udpAddresses() == other.relay.udpAddresses() && records == other.records
                    && placements == other.placements;
        }
    }

    private Held held(MediaPresence presence, MeetingPlacements placements) throws Exception {
        try (MediaConnection relay = relays.getConnection()) {
            return new Held(relay.occupancy(), presence.recordCount(), placements.all().size());
        }
    }

    private static <T> T bean(String name, Class<T> type) throws NamingException {
        return type.cast(new InitialContext().lookup("java:global/confero/ejb/" + name + "!" + type.getName()));
    }
}
