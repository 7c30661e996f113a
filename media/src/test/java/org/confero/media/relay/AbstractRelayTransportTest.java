package org.confero.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.confero.media.relay.RelayTestSupport.WAIT;
import static org.confero.media.relay.RelayTestSupport.await;
import static org.confero.media.relay.RelayTestSupport.rtp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.confero.media.relay.transport.RelaySockets;
import org.confero.media.relay.transport.RelayTransport;
import org.confero.protocol.media.MediaBinding;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The relay's behaviour on real loopback sockets, one body for every transport: subclasses pick the transport (Netty's
 * testsuite style).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class AbstractRelayTransportTest {

    static final Duration TTL = Duration.ofMinutes(5);
    static final Duration QUIET = Duration.ofMillis(300);

    protected abstract RelayTransport transport();

    ExecutorService executor;
    MediaRelay relay;
    final List<RelayEvent> events = new CopyOnWriteArrayList<>();
    InetSocketAddress udp;
    InetSocketAddress tcp;

    @BeforeEach
    void startRelay() {
        executor = RelayTestSupport.executor("relay-" + transport().name());
        relay = newRelay(RelayTestSupport.config().build());
        relay.start();
        relay.openMeeting("m1");
        udp = relay.status().udpAddress().orElseThrow();
        tcp = relay.status().tcpAddress().orElseThrow();
    }

    MediaRelay newRelay(RelayConfig config) {
        return new MediaRelay(config, RelayTestSupport.key(), executor, events::add, transport(), Clock.systemUTC());
    }

    @AfterEach
    void stopRelay() {
        relay.stop();
        executor.shutdownNow();
    }

    UdpMediaClient udpClient(String participant, MediaType type) {
        UdpMediaClient client = new UdpMediaClient(udp);
        client.bind(relay.admit("m1", participant, type, TTL), type);
        return client;
    }

    @Test
    void bindingReportsTheParticipant() {
        try (UdpMediaClient alice = udpClient("alice", MediaType.AUDIO)) {
            assertThat(events).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo(RelayEvent.Type.BOUND);
                assertThat(e.participantId()).isEqualTo("alice");
                assertThat(e.transport()).isEqualTo(TransportKind.UDP);
                assertThat(e.remote()).isEqualTo("127.0.0.1:" + alice.address().getPort());
            });
            assertThat(relay.status().endpoints()).isEqualTo(1);
            assertThat(relay.status().transport()).isEqualTo(transport().name());
        }
    }

    @Test
    void forwardsUdpToUdpUnchangedAndNotBackToTheSender() {
        try (UdpMediaClient alice = udpClient("alice", MediaType.AUDIO);
                UdpMediaClient bob = udpClient("bob", MediaType.AUDIO);
                UdpMediaClient carol = udpClient("carol", MediaType.AUDIO)) {
            for (int i = 0; i < 20; i++) {
                alice.send(rtp(i, 200));
            }
            List<byte[]> atBob = bob.receiveMedia(20, WAIT);
            List<byte[]> atCarol = carol.receiveMedia(20, WAIT);
            assertThat(atBob).hasSize(20);
            assertThat(atCarol).hasSize(20);
            for (int i = 0; i < 20; i++) {
                assertThat(atBob.get(i)).isEqualTo(rtp(RelayTestSupport.sequence(atBob.get(i)), 200));
            }
            assertThat(alice.receiveMedia(QUIET)).isEmpty();
            CounterSnapshot meeting = relay.counters("m1").orElseThrow();
            assertThat(meeting.mediaIn()).isEqualTo(20);
            assertThat(meeting.packetsOut()).isEqualTo(40);
            assertThat(meeting.bytesOut()).isEqualTo(40 * 200);
        }
    }

    @Test
    void aBurstReachesEveryReceiverUnchangedAndInOrderInFewerSends() {
        burstReachesEveryReceiverUnchangedAndInOrder();
        if (transport().udpSegmentation()) {
            assertThat(relay.sockets().orElseThrow().udpSegmentedSends()).isPositive();
        }
    }

    @Test
    void withGsoTurnedOffABurstLeavesPacketByPacket() {
        relay.stop();
        relay = newRelay(RelayTestSupport.config().udpGsoMaxSegmentBytes(0).build());
        relay.start();
        relay.openMeeting("m1");
        udp = relay.status().udpAddress().orElseThrow();

        burstReachesEveryReceiverUnchangedAndInOrder();
        assertThat(relay.sockets().orElseThrow().udpSegmentedSends()).isZero();
    }

    /** Alice sends while the relay's loops wait, so that her packets are read as one burst. */
    private void burstReachesEveryReceiverUnchangedAndInOrder() {
        try (UdpMediaClient alice = udpClient("alice", MediaType.VIDEO);
                UdpMediaClient bob = udpClient("bob", MediaType.VIDEO);
                UdpMediaClient carol = udpClient("carol", MediaType.VIDEO)) {
            Set<EventLoop> loops = new HashSet<>();
            relay.sockets().orElseThrow().udpChannels().forEach(c -> loops.add(c.eventLoop()));
            CountDownLatch waiting = new CountDownLatch(loops.size());
            CountDownLatch go = new CountDownLatch(1);
            for (EventLoop loop : loops) {
                loop.execute(() -> {
                    waiting.countDown();
                    awaitQuietly(go);
                });
            }
            awaitQuietly(waiting);
            int burst = 40;
            for (int i = 0; i < burst; i++) {
                alice.send(rtp(i, i == burst - 1 ? 300 : 1000));
            }
            go.countDown();

            for (UdpMediaClient receiver : List.of(bob, carol)) {
                List<byte[]> got = receiver.receiveMedia(burst, WAIT);
                assertThat(got).hasSize(burst);
                for (int i = 0; i < burst; i++) {
                    assertThat(got.get(i)).isEqualTo(rtp(i, i == burst - 1 ? 300 : 1000));
                }
            }
            assertThat(relay.counters("m1").orElseThrow().packetsOut()).isEqualTo(2L * burst);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void forwardsBetweenUdpAndTcp() {
        try (UdpMediaClient alice = udpClient("alice", MediaType.VIDEO); TcpMediaClient bob = new TcpMediaClient(tcp)) {
            bob.bind(relay.admit("m1", "bob", MediaType.VIDEO, TTL), MediaType.VIDEO);
            alice.send(rtp(1, 1000));
            assertThat(bob.receiveMedia(WAIT)).hasValueSatisfying(p -> assertThat(p).isEqualTo(rtp(1, 1000)));
            bob.sendFrame(rtp(2, 700));
            assertThat(alice.receiveMedia(WAIT)).hasValueSatisfying(p -> assertThat(p).isEqualTo(rtp(2, 700)));
            assertThat(events).anyMatch(e -> e.type() == RelayEvent.Type.BOUND && e.transport() == TransportKind.TCP);
        }
    }

    @Test
    void forwardsBetweenVirtualAndUdp() throws Exception {
        BlockingQueue<byte[]> atVirtual = new LinkedBlockingQueue<>();
        try (UdpMediaClient alice = udpClient("alice", MediaType.CONTENT); VirtualEndpointHandle web = relay
                .attachVirtualEndpoint("m1", "web", MediaType.CONTENT, Instant.now(), packet -> {
                    byte[] copy = new byte[packet.remaining()];
                    packet.get(copy);
                    atVirtual.add(copy);
                })) {
            alice.send(rtp(3, 300));
            assertThat(atVirtual.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(rtp(3, 300));
            ByteBuffer packet = ByteBuffer.wrap(rtp(4, 400));
            web.send(packet);
            assertThat(packet.remaining()).isEqualTo(400);
            assertThat(alice.receiveMedia(WAIT)).hasValueSatisfying(p -> assertThat(p).isEqualTo(rtp(4, 400)));
            web.close();
            assertThat(web.isBound()).isFalse();
            alice.send(rtp(5, 300));
            assertThat(await(() -> relay.counters("m1").orElseThrow().mediaIn() == 3, WAIT)).isTrue();
            assertThat(atVirtual).isEmpty();
        }
    }

    @Test
    void cascadeLinksReceiveLocalMediaOnceAndNeverEachOthers() throws Exception {
        BlockingQueue<byte[]> atLinkB = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> atLinkC = new LinkedBlockingQueue<>();
        try (UdpMediaClient alice = udpClient("alice", MediaType.AUDIO);
                VirtualEndpointHandle linkB = relay.attachVirtualEndpoint("m1",
                        org.confero.protocol.media.CascadeLink.participantId("mmr-b"), MediaType.AUDIO, Instant.now(),
                        packet -> atLinkB.add(copyOf(packet)));
                VirtualEndpointHandle linkC = relay.attachVirtualEndpoint("m1",
                        org.confero.protocol.media.CascadeLink.participantId("mmr-c"), MediaType.AUDIO, Instant.now(),
                        packet -> atLinkC.add(copyOf(packet)))) {
            alice.send(rtp(1, 200));
            assertThat(atLinkB.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(rtp(1, 200));
            assertThat(atLinkC.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(rtp(1, 200));

            linkB.send(ByteBuffer.wrap(rtp(2, 300)));
            assertThat(alice.receiveMedia(WAIT)).hasValueSatisfying(p -> assertThat(p).isEqualTo(rtp(2, 300)));
            assertThat(atLinkC.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS))
                    .as("router C gets B's media from B itself, not through this router").isNull();
            assertThat(atLinkB).as("one copy per link, none echoed back").isEmpty();
            assertThat(atLinkC).isEmpty();
        }
    }

    private static byte[] copyOf(ByteBuffer packet) {
        byte[] copy = new byte[packet.remaining()];
        packet.get(copy);
        return copy;
    }

    @Test
    void keepsMediaTypesApart() {
        try (UdpMediaClient aliceAudio = udpClient("alice", MediaType.AUDIO);
                UdpMediaClient bobVideo = udpClient("bob", MediaType.VIDEO)) {
            aliceAudio.send(rtp(1, 100));
            assertThat(await(() -> relay.counters("m1").orElseThrow().mediaIn() == 1, WAIT)).isTrue();
            assertThat(bobVideo.receiveMedia(QUIET)).isEmpty();
        }
    }

    @Test
    void ignoresUnboundSenders() {
        try (UdpMediaClient bob = udpClient("bob", MediaType.AUDIO);
                UdpMediaClient stranger = new UdpMediaClient(udp)) {
            for (int i = 0; i < 10; i++) {
                stranger.send(rtp(i, 100));
            }
            assertThat(await(() -> relay.counters().dropped(DropReason.UNBOUND_SENDER) == 10, WAIT)).isTrue();
            assertThat(bob.receiveMedia(QUIET)).isEmpty();
            assertThat(stranger.receiveRaw()).isEmpty();
        }
    }

    @Test
    void revokeStopsForwardingBothWaysAtOnce() {
        try (UdpMediaClient alice = udpClient("alice", MediaType.AUDIO)) {
            MediaCredentials bobs = relay.admit("m1", "bob", MediaType.AUDIO, TTL);
            try (UdpMediaClient bob = new UdpMediaClient(udp)) {
                bob.bind(bobs, MediaType.AUDIO);
                relay.revoke("m1", "bob");
                assertThat(events).anyMatch(e -> e.type() == RelayEvent.Type.LEFT && e.participantId().equals("bob")
                        && e.detail().equals(RelayEvent.REVOKED));
                alice.send(rtp(1, 100));
                bob.send(rtp(2, 100));
                assertThat(bob.receiveMedia(QUIET)).isEmpty();
                assertThat(alice.receiveMedia(QUIET)).isEmpty();
                assertThat(relay.counters().dropped(DropReason.UNBOUND_SENDER)).isEqualTo(1);
                // The old token no longer binds; a fresh admission does.
                assertThat(bob.roundTrip(
                        MediaBinding.request(bobs, MediaType.AUDIO, java.util.Optional.empty(), UdpMediaClient.id())))
                                .isEmpty();
                assertThat(relay.counters().dropped(DropReason.REVOKED)).isEqualTo(1);
                bob.bind(relay.admit("m1", "bob", MediaType.AUDIO, TTL), MediaType.AUDIO);
                alice.send(rtp(3, 100));
                assertThat(bob.receiveMedia(WAIT)).isPresent();
            }
        }
    }

    @Test
    void aRevokedTcpConnectionIsClosedAtOnceAndItsTokenNoLongerBinds() {
        // Issue 18: a removed participant stops receiving within a second on every transport.
        MediaCredentials bobs = relay.admit("m1", "bob", MediaType.AUDIO, TTL);
        try (UdpMediaClient alice = udpClient("alice", MediaType.AUDIO); TcpMediaClient bob = new TcpMediaClient(tcp)) {
            bob.bind(bobs, MediaType.AUDIO);
            alice.send(rtp(1, 100));
            assertThat(bob.receiveMedia(WAIT)).isPresent();

            relay.revoke("m1", "bob");

            assertThat(bob.closedByPeer(Duration.ofSeconds(1))).as("closed by the relay within 1 s").isTrue();
            alice.send(rtp(2, 100));
            assertThat(await(() -> relay.counters("m1").orElseThrow().mediaIn() == 2, WAIT)).isTrue();
            assertThat(relay.counters("m1").orElseThrow().packetsOut()).as("nothing went to bob after the revoke")
                    .isEqualTo(1);
        }
        try (TcpMediaClient again = new TcpMediaClient(tcp)) {
            again.sendFrame(
                    MediaBinding.request(bobs, MediaType.AUDIO, java.util.Optional.empty(), UdpMediaClient.id()));
            assertThat(again.receiveFrame(QUIET)).as("the revoked token is not even challenged").isEmpty();
            assertThat(await(() -> relay.counters().dropped(DropReason.REVOKED) == 1, WAIT)).isTrue();
        }
    }

    @Test
    void closingTheMeetingUnbindsEveryone() {
        try (UdpMediaClient alice = udpClient("alice", MediaType.AUDIO);
                UdpMediaClient bob = udpClient("bob", MediaType.AUDIO)) {
            relay.closeMeeting("m1");
            assertThat(relay.status().endpoints()).isZero();
            alice.send(rtp(1, 100));
            assertThat(bob.receiveMedia(QUIET)).isEmpty();
            assertThat(events).filteredOn(e -> e.type() == RelayEvent.Type.LEFT).hasSize(2);
        }
    }

    @Test
    void udpSocketsCarryTheDscpOfTheirMediaType() {
        RelaySockets sockets = relay.sockets().orElseThrow();
        DscpClasses dscp = relay.dscpClasses();
        assertThat(dscp.count()).isEqualTo(2);
        assertThat(sockets.udpChannel(dscp.classOf(MediaType.AUDIO)).config().getOption(ChannelOption.IP_TOS))
                .isEqualTo(56 << 2);
        assertThat(sockets.udpChannel(dscp.classOf(MediaType.VIDEO)).config().getOption(ChannelOption.IP_TOS))
                .isEqualTo(40 << 2);
        assertThat(sockets.udpChannel(dscp.classOf(MediaType.CONTENT)).config().getOption(ChannelOption.IP_TOS))
                .isEqualTo(40 << 2);
        for (Channel channel : sockets.udpChannels()) {
            assertThat(channel.config().getOption(ChannelOption.IP_TOS)).isIn(56 << 2, 40 << 2);
            assertThat(((InetSocketAddress) channel.localAddress()).getPort()).isEqualTo(udp.getPort());
        }
    }

    @Test
    void tcpConnectionTakesTheDscpOfItsMediaTypeAtBind() throws Exception {
        try (TcpMediaClient bob = new TcpMediaClient(tcp)) {
            bob.bind(relay.admit("m1", "bob", MediaType.AUDIO, TTL), MediaType.AUDIO);
            TcpEndpoint endpoint = (TcpEndpoint) relay.registry().meeting("m1").orElseThrow().group(MediaType.AUDIO)
                    .members()[0];
            assertThat(endpoint.channel().config().getOption(ChannelOption.IP_TOS)).isEqualTo(56 << 2);
        }
    }

    @Test
    void stopReleasesEveryPortSoStartWorksAgain() throws Exception {
        int udpPort = udp.getPort();
        int tcpPort = tcp.getPort();
        relay.stop();
        assertThat(relay.status().state()).isEqualTo(RelaySnapshot.State.STOPPED);
        // Plain sockets without SO_REUSEPORT: they bind only if the relay really let go of the ports.
        try (DatagramSocket plainUdp = new DatagramSocket(new InetSocketAddress(RelayTestSupport.loopback(), udpPort));
                ServerSocket plainTcp = new ServerSocket()) {
            plainTcp.setReuseAddress(true);
            plainTcp.bind(new InetSocketAddress(RelayTestSupport.loopback(), tcpPort));
        }
        relay = newRelay(RelayTestSupport.config().udpPort(udpPort).tcpPort(tcpPort).build());
        relay.start();
        relay.openMeeting("m1");
        assertThat(relay.status().udpAddress()).contains(udp);
        assertThat(relay.status().tcpAddress()).contains(tcp);
        try (UdpMediaClient alice = udpClient("alice", MediaType.AUDIO);
                UdpMediaClient bob = udpClient("bob", MediaType.AUDIO)) {
            alice.send(rtp(1, 100));
            assertThat(bob.receiveMedia(WAIT)).isPresent();
        }
        relay.stop();
        relay.start();
        assertThat(relay.status().state()).isEqualTo(RelaySnapshot.State.RUNNING);
    }

    @Test
    void startFailsClearlyWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, RelayTestSupport.loopback())) {
            MediaRelay second = newRelay(RelayTestSupport.config().tcpPort(taken.getLocalPort()).build());
            assertThatCode(second::start).hasMessageContaining("cannot bind tcp");
            assertThat(second.status().state()).isEqualTo(RelaySnapshot.State.FAILED);
            assertThat(second.status().detail()).contains(String.valueOf(taken.getLocalPort()));
        }
    }
}
