package org.confero.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confero.media.relay.RelayTestSupport.WAIT;
import static org.confero.media.relay.RelayTestSupport.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.confero.protocol.media.MediaBinding;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.media.PacketKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile traffic: over a million random and damaged packets, most fed straight to the packet router (the code every
 * transport calls), the rest through the real UDP socket. Bound listeners must receive nothing, nothing may throw, and
 * the counters must account for every packet exactly.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RelayFuzzTest {

    static final int DIRECT = 1_000_000;
    static final int OVER_SOCKET = 20_000;
    static final int MAX = 1500;

    final List<RelayEvent> events = new CopyOnWriteArrayList<>();
    ExecutorService executor;
    MediaRelay relay;
    UdpMediaClient alice;
    UdpMediaClient bob;
    MediaCredentials mallory;
    final long seed = System.nanoTime();
    final Random random = new Random(seed);

    @BeforeEach
    void start() {
        executor = RelayTestSupport.executor("fuzz");
        // No consent checks during the run: the bound clients' answers would count as control traffic the fuzzed
        // packets did not cause (seen as an off-by-one when a check fell inside the loop).
        relay = new MediaRelay(RelayTestSupport.config().maxPacketBytes(MAX).consentInterval(Duration.ofHours(1))
                .consentTimeout(Duration.ofHours(2)).build(), RelayTestSupport.key(), executor, events::add);
        relay.start();
        relay.openMeeting("m1");
        InetSocketAddress udp = relay.status().udpAddress().orElseThrow();
        alice = new UdpMediaClient(udp);
        alice.bind(relay.admit("m1", "alice", MediaType.AUDIO, Duration.ofMinutes(5)), MediaType.AUDIO);
        bob = new UdpMediaClient(udp);
        bob.bind(relay.admit("m1", "bob", MediaType.AUDIO, Duration.ofMinutes(5)), MediaType.AUDIO);
        // A genuine token whose requests the fuzzer damages.
        mallory = relay.admit("m1", "mallory", MediaType.AUDIO, Duration.ofMinutes(5));
        // The relay answers a binding request before its event loop counts it: wait until the four requests of the two
        // bindings are counted, or the last count lands inside the run (seen under load as control traffic one above
        // the answers the fuzzed packets got).
        assertThat(await(() -> relay.counters().controlIn() == 4 && relay.counters().unaccountedIn() == 0, WAIT))
                .as("the bindings' requests counted").isTrue();
    }

    @AfterEach
    void stop() {
        alice.close();
        bob.close();
        relay.stop();
        executor.shutdownNow();
    }

    @Test
    void hostilePacketsForwardNothingThrowNothingAndAddUp() {
        byte[] request = MediaBinding.request(mallory, MediaType.AUDIO, Optional.empty(), UdpMediaClient.id());
        MediaCredentials wrongKey = new MediaCredentials(mallory.token(), "not-the-password");
        byte[] badIntegrity = MediaBinding.request(wrongKey, MediaType.AUDIO, Optional.empty(), UdpMediaClient.id());
        InetSocketAddress[] strangers = new InetSocketAddress[1024];
        for (int i = 0; i < strangers.length; i++) {
            strangers[i] = new InetSocketAddress(address(10, i >> 8, i & 0xFF, 1), 10_000 + i);
        }
        CapturingUdpOut out = new CapturingUdpOut();
        FanOut fanOut = new FanOut(out, UnpooledByteBufAllocator.DEFAULT);
        PacketRouter router = relay.router();
        CounterSnapshot before = relay.counters();
        long expectUnbound = 0;
        long expectOversize = 0;
        long expectBadIntegrity = 0;
        long expectStunRange = 0;
        ByteBuf buffer = Unpooled.buffer(2048);
        byte[] scratch = new byte[2048];
        for (int i = 0; i < DIRECT; i++) {
            int length = hostile(i, scratch, request, badIntegrity);
            if (i % 5 == 2) {
                expectBadIntegrity++;
            }
            if (length > MAX) {
                expectOversize++;
            } else if (length > 0 && PacketKind.of(scratch[0]) == PacketKind.RTP_RTCP) {
                expectUnbound++;
            } else if (length > 0 && PacketKind.of(scratch[0]) == PacketKind.STUN) {
                expectStunRange++;
            }
            buffer.clear().writeBytes(scratch, 0, length);
            router.onUdp(buffer, strangers[i & 1023], fanOut);
        }
        CounterSnapshot after = relay.counters();
        // Nothing forwarded. The only answers are challenges to requests that stayed authentic (a damaged byte after
        // MESSAGE-INTEGRITY is ignored, RFC 8489 section 14.5), never larger than the request, never to a listener.
        assertThat(out.mediaSends).as("seed %d", seed).isZero();
        assertThat(out.sent).allSatisfy(s -> {
            assertThat(s.media()).isFalse();
            assertThat(s.bytes().length).isLessThanOrEqualTo(request.length);
            assertThat(s.to()).isNotIn(alice.address(), bob.address());
        });
        long answered = after.controlIn() - before.controlIn();
        assertThat(answered).isEqualTo(out.sent.size());
        assertThat(after.packetsIn() - before.packetsIn()).isEqualTo(DIRECT);
        assertThat(after.unaccountedIn()).isZero();
        assertThat(after.mediaIn()).isZero();
        assertThat(after.packetsOut()).isZero();
        assertThat(delta(before, after, DropReason.OVERSIZE)).isEqualTo(expectOversize);
        assertThat(delta(before, after, DropReason.UNBOUND_SENDER)).isEqualTo(expectUnbound);
        // At least the wrong-key requests; damage inside MESSAGE-INTEGRITY adds some.
        assertThat(delta(before, after, DropReason.BAD_INTEGRITY)).isGreaterThanOrEqualTo(expectBadIntegrity);
        long stunDrops = 0;
        for (DropReason reason : List.of(DropReason.MALFORMED_STUN, DropReason.BAD_TOKEN, DropReason.EXPIRED_TOKEN,
                DropReason.WRONG_MEDIA_TYPE, DropReason.BAD_INTEGRITY, DropReason.BAD_NONCE, DropReason.UNKNOWN_MEETING,
                DropReason.REVOKED, DropReason.UNEXPECTED_STUN, DropReason.AMPLIFICATION)) {
            stunDrops += delta(before, after, reason);
        }
        assertThat(stunDrops + answered).isEqualTo(expectStunRange);
        assertThat(delta(before, after, DropReason.NOT_STUN_OR_RTP))
                .isEqualTo(DIRECT - expectOversize - expectUnbound - expectStunRange);

        // The same kinds of packet through the real socket, in bursts the kernel buffers can hold.
        try (UdpMediaClient stranger = new UdpMediaClient(relay.status().udpAddress().orElseThrow())) {
            // Bursts of 40: at most ~70 KB of kernel buffer, well inside the default 208 KB receive buffer.
            for (int burst = 0; burst < OVER_SOCKET / 40; burst++) {
                for (int i = 0; i < 40; i++) {
                    // Empty datagrams are left out here: Netty consumes them without a read event, so the relay
                    // never sees them (and forwards nothing, as it should), but they could not be counted.
                    int length = Math.max(1, Math.min(hostile(i, scratch, request, badIntegrity), MAX + 100));
                    stranger.send(Arrays.copyOf(scratch, length));
                }
                long expected = after.packetsIn() + (burst + 1) * 40L;
                assertThat(await(() -> relay.counters().packetsIn() == expected, WAIT))
                        .as("burst %d: %d received, %d expected", burst, relay.counters().packetsIn(), expected)
                        .isTrue();
            }
            // At most challenges to the authentic requests among them; never media.
            assertThat(stranger.receiveMedia(Duration.ofMillis(200))).isEmpty();
        }
        CounterSnapshot end = relay.counters();
        assertThat(end.packetsIn() - after.packetsIn()).isEqualTo(OVER_SOCKET);
        assertThat(await(() -> relay.counters().unaccountedIn() == 0, WAIT)).isTrue();
        assertThat(end.mediaIn()).isZero();
        assertThat(end.packetsOut()).isZero();
        assertThat(alice.receiveMedia(Duration.ofMillis(200))).isEmpty();
        assertThat(bob.receiveMedia(Duration.ofMillis(200))).isEmpty();
        assertThat(events).filteredOn(e -> e.type() == RelayEvent.Type.BOUND).hasSize(2);
        assertThat(relay.status().endpoints()).isEqualTo(2);
    }

    /** Writes packet {@code i} of the hostile mix into {@code into}; returns its length. Seed: see the field. */
    private int hostile(int i, byte[] into, byte[] request, byte[] badIntegrity) {
        switch (i % 5) {
        case 0 -> { // random bytes, empty to oversize
            int length = random.nextInt(MAX + 101);
            fill(into, length);
            return length;
        }
        case 1 -> { // a genuine request cut short
            int length = random.nextInt(request.length);
            System.arraycopy(request, 0, into, 0, length);
            return length;
        }
        case 2 -> { // well-formed, genuine token, integrity under the wrong key
            System.arraycopy(badIntegrity, 0, into, 0, badIntegrity.length);
            return badIntegrity.length;
        }
        case 3 -> { // RTP from addresses that never bound
            int length = 12 + random.nextInt(MAX - 11);
            fill(into, length);
            into[0] = (byte) (0x80 | random.nextInt(0x40));
            return length;
        }
        default -> { // a genuine request with one to three damaged bytes
            System.arraycopy(request, 0, into, 0, request.length);
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                into[random.nextInt(request.length)] ^= (byte) (1 + random.nextInt(255));
            }
            return request.length;
        }
        }
    }

    private void fill(byte[] into, int length) {
        for (int i = 0; i < length; i++) {
            into[i] = (byte) random.nextInt();
        }
    }

    private static long delta(CounterSnapshot before, CounterSnapshot after, DropReason reason) {
        return after.dropped(reason) - before.dropped(reason);
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] { (byte) a, (byte) b, (byte) c, (byte) d });
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "RelayFuzzTest[seed=" + seed + "]";
    }
}
