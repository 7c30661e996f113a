package org.confero.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confero.media.relay.RelayTestSupport.WAIT;
import static org.confero.media.relay.RelayTestSupport.await;
import static org.confero.media.relay.RelayTestSupport.rtp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A participant moving its media from TCP to UDP (the client's UDP upgrade): make-before-break on the relay. From the
 * moment the UDP binding succeeds, what the meeting sends goes to UDP only (nothing twice); what the participant still
 * sends on TCP is forwarded until it closes the TCP connection or the overlap passes; a revocation ends both at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransportSwitchTest {

    static final Duration TTL = Duration.ofMinutes(5);
    static final Duration QUIET = Duration.ofMillis(300);

    final byte[] key = RelayTestSupport.key();
    final MutableClock clock = new MutableClock();
    final List<RelayEvent> events = new CopyOnWriteArrayList<>();
    RunningRelay running;
    MediaRelay relay;
    InetSocketAddress udp;
    InetSocketAddress tcp;

    @BeforeEach
    void start() {
        running = new RunningRelay("switch", key, events::add, clock, "m1");
        relay = running.relay;
        udp = running.udp;
        tcp = running.tcp;
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void theOldTcpConnectionStillSendsButNoLongerReceives() {
        try (Switched switched = aliceMovesFromTcpToUdp()) {
            UdpMediaClient bob = switched.bob;
            TcpMediaClient aliceTcp = switched.aliceTcp;
            UdpMediaClient aliceUdp = switched.aliceUdp;

            assertThat(events).anyMatch(e -> e.type() == RelayEvent.Type.LEFT && e.participantId().equals("alice")
                    && e.detail().equals(RelayEvent.REPLACED));
            // Packets alice sent on TCP just before she moved are still on their way: they reach bob.
            aliceTcp.sendFrame(rtp(1, 100));
            assertThat(bob.receiveMedia(WAIT)).isPresent();
            // What bob sends goes to her UDP socket only.
            bob.send(rtp(2, 100));
            assertThat(aliceUdp.receiveMedia(WAIT)).isPresent();
            assertThat(aliceTcp.receiveMedia(QUIET)).isEmpty();
            assertThat(aliceTcp.closedByPeer(QUIET)).as("the relay leaves the old connection to the client").isFalse();
            assertThat(relay.status().endpoints()).isEqualTo(2);
        }
    }

    @Test
    void afterTheOverlapTheOldConnectionIsClosedAndItsPacketsDropped() {
        try (Switched switched = aliceMovesFromTcpToUdp()) {
            UdpMediaClient bob = switched.bob;
            TcpMediaClient aliceTcp = switched.aliceTcp;
            UdpMediaClient aliceUdp = switched.aliceUdp;

            clock.shift(Duration.ofMillis(EndpointRegistry.TRANSPORT_SWITCH_OVERLAP_MILLIS + 1));
            relay.housekeeping();

            assertThat(aliceTcp.closedByPeer(WAIT)).isTrue();
            aliceUdp.send(rtp(3, 100));
            assertThat(bob.receiveMedia(WAIT)).isPresent();
        }
    }

    @Test
    void aRevocationDuringTheOverlapEndsTheOldConnectionToo() {
        try (Switched switched = aliceMovesFromTcpToUdp()) {
            UdpMediaClient bob = switched.bob;
            TcpMediaClient aliceTcp = switched.aliceTcp;
            UdpMediaClient aliceUdp = switched.aliceUdp;

            relay.revoke("m1", "alice");

            assertThat(aliceTcp.closedByPeer(WAIT)).isTrue();
            long before = relay.counters("m1").orElseThrow().mediaIn();
            aliceUdp.send(rtp(4, 100));
            assertThat(bob.receiveMedia(QUIET)).isEmpty();
            assertThat(relay.counters("m1").orElseThrow().mediaIn()).isEqualTo(before);
        }
    }

    @Test
    void theClientClosingTheOldConnectionLeavesNothingBehind() {
        MediaCredentials alices = relay.admit("m1", "alice", MediaType.AUDIO, TTL);
        try (UdpMediaClient bob = new UdpMediaClient(udp); UdpMediaClient aliceUdp = new UdpMediaClient(udp)) {
            bob.bind(relay.admit("m1", "bob", MediaType.AUDIO, TTL), MediaType.AUDIO);
            try (TcpMediaClient aliceTcp = new TcpMediaClient(tcp)) {
                aliceTcp.bind(alices, MediaType.AUDIO);
                aliceUdp.bind(alices, MediaType.AUDIO);
            }
            assertThat(await(() -> retiring() == 0, WAIT)).isTrue();
            long lefts = events.stream().filter(e -> e.type() == RelayEvent.Type.LEFT).count();
            assertThat(lefts).as("one LEFT for the replaced connection, none for its close").isEqualTo(1);
        }
    }

    /** Bob on UDP; Alice bound over TCP, then over UDP: the switch the client's UDP upgrade makes. */
    private Switched aliceMovesFromTcpToUdp() {
        MediaCredentials alices = relay.admit("m1", "alice", MediaType.AUDIO, TTL);
        Switched s = new Switched(new UdpMediaClient(udp), new TcpMediaClient(tcp), new UdpMediaClient(udp));
        s.bob.bind(relay.admit("m1", "bob", MediaType.AUDIO, TTL), MediaType.AUDIO);
        s.aliceTcp.bind(alices, MediaType.AUDIO);
        s.aliceUdp.bind(alices, MediaType.AUDIO);
        return s;
    }

    private record Switched(UdpMediaClient bob, TcpMediaClient aliceTcp, UdpMediaClient aliceUdp)
            implements AutoCloseable {
        @Override
        public void close() {
            bob.close();
            aliceTcp.close();
            aliceUdp.close();
        }
    }

    private int retiring() {
        Meeting meeting = relay.registryForTest().meeting("m1").orElseThrow();
        synchronized (meeting) {
            return meeting.retiring().size();
        }
    }
}
