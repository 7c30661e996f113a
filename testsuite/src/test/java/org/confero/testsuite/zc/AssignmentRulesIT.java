package org.confero.testsuite.zc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.naming.InitialContext;

import org.confero.protocol.join.JoinToken;
import org.confero.protocol.rest.AssignmentView;
import org.confero.router.MeetingPlacements;
import org.confero.router.RouterLoad;
import org.confero.router.RouterRegistry;
import org.confero.router.ZoneController;
import org.confero.lookup.LookupServices;
import org.confero.testsuite.support.ConferoDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The zone controller's choices over the real replicated router registry and placements, inside the server. Besides
 * this server's own router, the test writes heartbeats of other routers of the zone (stale, draining, full, fresh) —
 * exactly what other servers' heartbeats look like in the cache — and checks which router each join gets. (Media to
 * those routers is not exercised here: the cluster tests run real servers.)
 */
@ExtendWith(ArquillianExtension.class)
class AssignmentRulesIT {

    private static final List<String> FAKES = List.of("a-stale", "a-draining", "a-full", "a-fresh");

    @Deployment(name = "confero", order = 1, testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @Deployment(name = "rules-test", order = 2)
    static WebArchive rulesTest() {
        return ConferoDeployment.besideTheEar("rules-test.war").addClasses(AssignmentRulesIT.class);
    }

    @AfterEach
    void removeFakes() throws Exception {
        RouterRegistry registry = lookup("RouterRegistry", RouterRegistry.class);
        FAKES.forEach(registry::remove);
    }

    @Test
    @Timeout(60)
    @OperateOnDeployment("rules-test")
    void staleDrainingAndFullRoutersAreSkippedAffinityHoldsAndAFullHostOverflows() throws Exception {
        RouterRegistry registry = lookup("RouterRegistry", RouterRegistry.class);
        ZoneController controller = lookup("ZoneController", ZoneController.class);
        MeetingPlacements placements = lookup("MeetingPlacements", MeetingPlacements.class);
        String self = System.getProperty("jboss.node.name");
        Instant now = Instant.now();
        // Each fake sorts before this server and is idle, so it would win were it eligible.
        registry.heartbeat(router("a-stale", 0, 500, false, now.minusSeconds(60)));
        registry.heartbeat(router("a-draining", 0, 500, true, now));
        registry.heartbeat(router("a-full", 500, 500, false, now));

        AssignmentView fresh = controller.assign(joinToken(newMeeting()));
        assertEquals(self, fresh.router(), "stale, draining and full routers are never chosen: " + fresh.reason());

        // Affinity: a meeting placed on another fresh router with room stays there.
        registry.heartbeat(router("a-fresh", 10, 500, false, Instant.now()));
        String meeting = newMeeting();
        placements.placeIfAbsent(meeting, "a-fresh");
        AssignmentView hosted = controller.assign(joinToken(meeting));
        assertEquals("a-fresh", hosted.router());
        assertEquals("meeting hosted there", hosted.reason());

        // At its threshold, the host router takes no one more: the participant overflows to another router.
        registry.heartbeat(router("a-fresh", 500, 500, false, Instant.now()));
        AssignmentView overflow = controller.assign(joinToken(meeting));
        assertEquals(self, overflow.router());
        assertTrue(overflow.reason().contains("threshold"), overflow.reason());
        assertEquals("a-fresh", placements.homeOf(meeting).orElseThrow(), "the meeting's home does not move");
    }

    private static RouterLoad router(String node, int participants, int capacity, boolean draining, Instant at) {
        return new RouterLoad(node, "default", participants, 1, capacity, draining, at,
                "https://" + node + ".invalid/api/v1/mmr", node + ".invalid", 8801, 8801, 0, 0);
    }

    /** A real meeting: the zone controller places only meetings that exist and have not ended. */
    private static String newMeeting() throws Exception {
        org.confero.meeting.Meetings meetings = lookup("Meetings", org.confero.meeting.Meetings.class);
        return meetings
                .schedule(new org.confero.common.api.Actor("admin", true), new org.confero.protocol.rest.MeetingRequest(
                        "Rules", null, null, null, null, null, null, null, null, null))
                .id();
    }

    private static String joinToken(String meeting) throws Exception {
        LookupServices services = lookup("LookupServices", LookupServices.class);
        Instant now = Instant.now();
        return services.signer().sign(new JoinToken(meeting, "p-" + UUID.randomUUID().toString().substring(0, 8),
                "Tester", JoinToken.Role.ATTENDEE, now, now.plusSeconds(60)));
    }

    private static <T> T lookup(String bean, Class<T> type) throws Exception {
        return type.cast(new InitialContext().lookup("java:global/confero/ejb/" + bean + "!" + type.getName()));
    }
}
