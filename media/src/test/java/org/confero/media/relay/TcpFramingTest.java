package org.confero.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confero.media.relay.RelayTestSupport.WAIT;
import static org.confero.media.relay.RelayTestSupport.await;
import static org.confero.media.relay.RelayTestSupport.rtp;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.confero.protocol.media.MediaType;
import org.confero.protocol.media.Rfc4571;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TCP 8801: RFC 4571 framing as it really arrives, bounded queues per receiver, unbound connections closed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpFramingTest {

    static final Duration TTL = Duration.ofMinutes(5);

    ExecutorService executor;
    MediaRelay relay;
    InetSocketAddress udp;
    InetSocketAddress tcp;

    @BeforeEach
    void start() {
        executor = RelayTestSupport.executor("tcp");
        // Small queues and socket buffers so that a receiver that does not read fills them quickly.
        relay = new MediaRelay(
                RelayTestSupport.config().tcpQueueBytes(32 << 10).tcpSendBufferBytes(8 << 10)
                        .tcpBindTimeout(Duration.ofMillis(300)).build(),
                RelayTestSupport.key(), executor, RelayListener.NONE);
        relay.start();
        relay.openMeeting("m1");
        udp = relay.status().udpAddress().orElseThrow();
        tcp = relay.status().tcpAddress().orElseThrow();
    }

    @AfterEach
    void stop() {
        relay.stop();
        executor.shutdownNow();
    }

    UdpMediaClient udpClient(String participant) {
        UdpMediaClient client = new UdpMediaClient(udp);
        client.bind(relay.admit("m1", participant, MediaType.VIDEO, TTL), MediaType.VIDEO);
        return client;
    }

    @Test
    void splitFramesAreReassembled() {
        try (UdpMediaClient alice = udpClient("alice"); TcpMediaClient bob = new TcpMediaClient(tcp)) {
            bob.bind(relay.admit("m1", "bob", MediaType.VIDEO, TTL), MediaType.VIDEO);
            byte[] framed = Rfc4571.frame(rtp(7, 900));
            // Byte by byte for the header and the first bytes, then the rest in two pieces.
            for (int i = 0; i < 5; i++) {
                bob.sendRaw(new byte[] { framed[i] });
            }
            bob.sendRaw(java.util.Arrays.copyOfRange(framed, 5, 400));
            bob.sendRaw(java.util.Arrays.copyOfRange(framed, 400, framed.length));
            assertThat(alice.receiveMedia(WAIT)).hasValueSatisfying(p -> assertThat(p).isEqualTo(rtp(7, 900)));
        }
    }

    @Test
    void coalescedFramesAreSeparatedAndOversizeFramesSkipped() {
        try (UdpMediaClient alice = udpClient("alice"); TcpMediaClient bob = new TcpMediaClient(tcp)) {
            bob.bind(relay.admit("m1", "bob", MediaType.VIDEO, TTL), MediaType.VIDEO);
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < 10; i++) {
                burst.writeBytes(Rfc4571.frame(rtp(i, 100 + i)));
            }
            burst.writeBytes(Rfc4571.frame(rtp(99, 4000))); // longer than maxPacketBytes (1500)
            burst.writeBytes(Rfc4571.frame(rtp(10, 110)));
            bob.sendRaw(burst.toByteArray());
            List<byte[]> received = alice.receiveMedia(11, WAIT);
            assertThat(received).hasSize(11);
            for (int i = 0; i < 11; i++) {
                assertThat(received.get(i)).isEqualTo(rtp(i, 100 + i));
            }
            assertThat(await(() -> relay.counters().dropped(DropReason.OVERSIZE) == 1, WAIT)).isTrue();
            assertThat(relay.counters().droppedBytes().get(DropReason.OVERSIZE)).isEqualTo(4000);
        }
    }

    @Test
    void slowTcpReceiverDelaysNoOneAndItsDropsAreCounted() {
        // Bursts small enough for the kernel's default UDP receive buffers (212992 bytes): loss there would not be
        // the relay's doing.
        int bursts = 60;
        int perBurst = 50;
        try (UdpMediaClient alice = udpClient("alice"); UdpMediaClient fast = udpClient("fast");
                TcpMediaClient slow = new TcpMediaClient(tcp, 4096)) {
            slow.bind(relay.admit("m1", "slow", MediaType.VIDEO, TTL), MediaType.VIDEO);
            // The slow receiver never reads from here on. The fast one must get every burst promptly.
            for (int b = 0; b < bursts; b++) {
                for (int i = 0; i < perBurst; i++) {
                    alice.send(rtp(b * perBurst + i, 1000));
                }
                int got = fast.receiveMedia(perBurst, Duration.ofSeconds(3)).size();
                assertThat(got).as("packets of burst %d at the fast receiver", b).isEqualTo(perBurst);
            }
            int sent = bursts * perBurst;
            assertThat(await(() -> relay.counters().mediaIn() == sent, WAIT)).isTrue();
            CounterSnapshot c = relay.counters();
            assertThat(c.dropped(DropReason.QUEUE_FULL)).isGreaterThan(sent / 2);
            // Every packet had two receivers: each copy was either sent or dropped as queue-full, none lost silently.
            assertThat(c.packetsOut() + c.dropped(DropReason.QUEUE_FULL)).isEqualTo(2L * sent);
            assertThat(relay.counters("m1").orElseThrow().dropped(DropReason.QUEUE_FULL))
                    .isEqualTo(c.dropped(DropReason.QUEUE_FULL));
        }
    }

    @Test
    void connectionThatDoesNotBindIsClosed() {
        try (TcpMediaClient idle = new TcpMediaClient(tcp)) {
            assertThat(idle.closedByPeer(WAIT)).isTrue();
        }
    }

    @Test
    void tcpBindingDiesWithTheConnection() {
        try (UdpMediaClient alice = udpClient("alice")) {
            TcpMediaClient bob = new TcpMediaClient(tcp);
            bob.bind(relay.admit("m1", "bob", MediaType.VIDEO, TTL), MediaType.VIDEO);
            assertThat(relay.status().endpoints()).isEqualTo(2);
            bob.close();
            assertThat(await(() -> relay.status().endpoints() == 1, WAIT)).isTrue();
        }
    }
}
