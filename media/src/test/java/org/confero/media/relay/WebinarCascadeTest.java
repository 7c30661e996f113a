package org.confero.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confero.media.relay.RelayTestSupport.WAIT;
import static org.confero.media.relay.RelayTestSupport.await;
import static org.confero.media.relay.RelayTestSupport.rtp;
import static org.confero.media.relay.RelayTestSupport.sequence;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.confero.media.api.CascadeTraffic;
import org.confero.protocol.media.CascadeLink;
import org.confero.protocol.media.MediaType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 23: a webinar spread over three routers (three relays in this JVM, linked pairwise as the cascade links them:
 * full mesh, one virtual endpoint {@code ~mmr:<peer>} on each side). The panelist is on A; attendees (receive-only) on
 * A, B and C. Every panelist packet crosses each link from A exactly once, reaches every attendee of every router
 * exactly once, and nothing crosses the B–C link (no sender there, and relays never forward link to link); what an
 * attendee sends anyway crosses no link. The relays' cascade counters say the same.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebinarCascadeTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final String WEBINAR = "w1";
    private static final int PACKETS = 50;
    private static final Duration QUIET = Duration.ofMillis(200);

    private final Map<String, MediaRelay> relays = new HashMap<>();
    private final List<ExecutorService> executors = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    /** Packets that crossed each direction of each link: "A>B" → sequence numbers, in arrival order. */
    private final Map<String, ConcurrentLinkedQueue<Integer>> crossed = new HashMap<>();

    @BeforeEach
    void threeRoutersLinkedAsTheCascadeLinksThem() {
        for (String name : List.of("A", "B", "C")) {
            ExecutorService executor = RelayTestSupport.executor("webinar-" + name);
            executors.add(executor);
            MediaRelay relay = new MediaRelay(RelayTestSupport.config().build(), RelayTestSupport.key(), executor,
                    e -> {
                    });
            relay.start();
            relay.openMeeting(WEBINAR);
            relays.put(name, relay);
        }
        link("A", "B");
        link("A", "C");
        link("B", "C");
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        relays.values().forEach(MediaRelay::stop);
        executors.forEach(ExecutorService::shutdownNow);
    }

    @Test
    void eachPanelistPacketCrossesEachLinkOnceAndReachesEveryAttendeeOfEveryRouter() {
        UdpMediaClient panelist = client("A", "pete", false);
        Map<String, UdpMediaClient> attendees = new HashMap<>();
        for (String[] seat : new String[][] { { "A", "ann" }, { "B", "bob" }, { "B", "bea" }, { "C", "cid" } }) {
            attendees.put(seat[1], client(seat[0], seat[1], true));
        }
        Map<String, CascadeTraffic> before = audioTraffic();

        for (int i = 0; i < PACKETS; i++) {
            panelist.send(rtp(i, 200));
        }
        attendees.get("cid").send(rtp(999, 200)); // an attendee's packet: refused where it arrives

        for (Map.Entry<String, UdpMediaClient> attendee : attendees.entrySet()) {
            List<Integer> heard = attendee.getValue().receiveMedia(PACKETS, WAIT).stream()
                    .map(RelayTestSupport::sequence).toList();
            assertThat(heard).as(attendee.getKey() + " hears every panelist packet once")
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, PACKETS).boxed().toList());
        }
        for (Map.Entry<String, UdpMediaClient> attendee : attendees.entrySet()) {
            assertThat(attendee.getValue().receiveMedia(QUIET)).as(attendee.getKey() + ": no copy, no attendee packet")
                    .isEmpty();
        }
        assertThat(await(() -> crossed("A>B").size() == PACKETS && crossed("A>C").size() == PACKETS, WAIT)).isTrue();
        assertThat(crossed("A>B")).as("each packet once over A–B").doesNotHaveDuplicates();
        assertThat(crossed("A>C")).as("each packet once over A–C").doesNotHaveDuplicates();
        for (String idle : List.of("B>A", "C>A", "B>C", "C>B")) {
            assertThat(crossed(idle)).as(idle + ": no sender behind it, and no link-to-link forwarding").isEmpty();
        }
        assertThat(relays.get("C").counters().dropped(DropReason.NOT_A_SENDER)).isEqualTo(1);

        Map<String, CascadeTraffic> after = audioTraffic();
        assertThat(after.get("A").packetsOut() - before.get("A").packetsOut())
                .as("A's fan-out over links: one copy per link and packet").isEqualTo(2L * PACKETS);
        assertThat(after.get("A").packetsIn() - before.get("A").packetsIn()).isZero();
        for (String receiving : List.of("B", "C")) {
            assertThat(after.get(receiving).packetsIn() - before.get(receiving).packetsIn())
                    .as(receiving + " got each packet once from its link").isEqualTo(PACKETS);
            assertThat(after.get(receiving).packetsOut() - before.get(receiving).packetsOut())
                    .as(receiving + " forwards nothing into links").isZero();
        }
        assertThat(after.get("A").bytesOut() - before.get("A").bytesOut()).isEqualTo(2L * PACKETS * 200);
    }

    /** The relays' cascade counters of audio; a moment's wait lets the last packets' counts land. */
    private Map<String, CascadeTraffic> audioTraffic() {
        Map<String, CascadeTraffic> traffic = new HashMap<>();
        relays.forEach((name, relay) -> traffic.put(name, relay.cascadeTraffic().get(MediaType.AUDIO)));
        return traffic;
    }

    private ConcurrentLinkedQueue<Integer> crossed(String direction) {
        return crossed.get(direction);
    }

    private UdpMediaClient client(String router, String id, boolean receiveOnly) {
        MediaRelay relay = relays.get(router);
        UdpMediaClient client = new UdpMediaClient(relay.status().udpAddress().orElseThrow());
        open.add(client);
        client.bind(relay.admit(WEBINAR, id, MediaType.AUDIO, TTL, receiveOnly), MediaType.AUDIO);
        return client;
    }

    /**
     * Links two relays for the webinar's audio as MeetingLink does: each side a virtual endpoint named after the other
     * router, whose sink hands the packet to the other side's endpoint, counted per direction.
     */
    private void link(String a, String b) {
        AtomicReference<VirtualEndpointHandle> atA = new AtomicReference<>();
        AtomicReference<VirtualEndpointHandle> atB = new AtomicReference<>();
        crossed.put(a + ">" + b, new ConcurrentLinkedQueue<>());
        crossed.put(b + ">" + a, new ConcurrentLinkedQueue<>());
        atA.set(relays.get(a).attachVirtualEndpoint(WEBINAR, CascadeLink.participantId("mmr-" + b), MediaType.AUDIO,
                Instant.now(), packet -> carry(packet, a + ">" + b, atB)));
        atB.set(relays.get(b).attachVirtualEndpoint(WEBINAR, CascadeLink.participantId("mmr-" + a), MediaType.AUDIO,
                Instant.now(), packet -> carry(packet, b + ">" + a, atA)));
        open.add(atA.get());
        open.add(atB.get());
    }

    private void carry(ByteBuffer packet, String direction, AtomicReference<VirtualEndpointHandle> to) {
        byte[] copy = new byte[packet.remaining()];
        packet.get(copy);
        crossed.get(direction).add(sequence(copy));
        to.get().send(ByteBuffer.wrap(copy));
    }
}
