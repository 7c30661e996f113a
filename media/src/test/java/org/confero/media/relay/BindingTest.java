package org.confero.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confero.media.relay.RelayTestSupport.WAIT;
import static org.confero.media.relay.RelayTestSupport.await;
import static org.confero.media.relay.RelayTestSupport.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.confero.protocol.media.MediaBinding;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaToken;
import org.confero.protocol.media.MediaTokenSigner;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.media.Stun;
import org.confero.protocol.media.StunMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Who may bind, and what the relay says to whom before they have: tokens, integrity, return routability. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BindingTest {

    static final Duration TTL = Duration.ofMinutes(5);
    static final Duration QUIET = Duration.ofMillis(300);

    final byte[] key = RelayTestSupport.key();
    final MediaTokenSigner signer = new MediaTokenSigner(key);
    final MutableClock clock = new MutableClock();
    final List<RelayEvent> events = new CopyOnWriteArrayList<>();
    ExecutorService executor;
    MediaRelay relay;
    InetSocketAddress udp;

    @BeforeEach
    void start() {
        executor = RelayTestSupport.executor("binding");
        relay = new MediaRelay(RelayTestSupport.config().build(), key, executor, events::add,
                org.confero.media.relay.transport.RelayTransport.best(), clock);
        relay.start();
        relay.openMeeting("m1");
        udp = relay.status().udpAddress().orElseThrow();
    }

    @AfterEach
    void stop() {
        relay.stop();
        executor.shutdownNow();
    }

    MediaCredentials credentials(String meeting, String participant, MediaType type, Instant issued, Instant expires) {
        return signer.credentials(new MediaToken(meeting, participant, type, issued, expires));
    }

    /** Sends a first binding request; returns the answer, if any. */
    Optional<StunMessage> firstStep(UdpMediaClient client, MediaCredentials credentials, MediaType declared) {
        return client.roundTrip(MediaBinding.request(credentials, declared, Optional.empty(), UdpMediaClient.id()),
                QUIET);
    }

    @Test
    void forgedTokenIsRefusedSilently() {
        MediaTokenSigner forger = new MediaTokenSigner(RelayTestSupport.key());
        MediaCredentials forged = forger
                .credentials(new MediaToken("m1", "mallory", MediaType.AUDIO, Instant.now(), Instant.now().plus(TTL)));
        try (UdpMediaClient mallory = new UdpMediaClient(udp)) {
            assertThat(firstStep(mallory, forged, MediaType.AUDIO)).isEmpty();
            // A genuine token's payload with a forged MAC, and a tampered payload under a genuine MAC.
            String genuine = relay.admit("m1", "mallory", MediaType.AUDIO, TTL).token();
            String tampered = genuine.substring(0, genuine.indexOf('.'))
                    + forged.token().substring(forged.token().indexOf('.'));
            assertThat(firstStep(mallory, new MediaCredentials(tampered, forged.password()), MediaType.AUDIO))
                    .isEmpty();
            assertThat(mallory.receiveRaw()).isEmpty();
        }
        assertThat(relay.counters().dropped(DropReason.BAD_TOKEN)).isEqualTo(2);
        assertThat(events).isEmpty();
    }

    @Test
    void expiredTokenIsRefused() {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        MediaCredentials expired = credentials("m1", "alice", MediaType.AUDIO, past, past.plusSeconds(60));
        try (UdpMediaClient alice = new UdpMediaClient(udp)) {
            assertThat(firstStep(alice, expired, MediaType.AUDIO)).isEmpty();
        }
        assertThat(relay.counters().dropped(DropReason.EXPIRED_TOKEN)).isEqualTo(1);
    }

    @Test
    void tokenOfAnotherMediaTypeIsRefused() {
        MediaCredentials video = relay.admit("m1", "alice", MediaType.VIDEO, TTL);
        try (UdpMediaClient alice = new UdpMediaClient(udp)) {
            assertThat(firstStep(alice, video, MediaType.AUDIO)).isEmpty();
            assertThat(alice.roundTrip(
                    new org.confero.protocol.media.StunMessageBuilder(Stun.BINDING_REQUEST, UdpMediaClient.id())
                            .attribute(Stun.ATTR_USERNAME, video.token()).build(video.integrityKey(), true))).isEmpty(); // no
                                                                                                                         // media
                                                                                                                         // type
                                                                                                                         // declared
                                                                                                                         // at
                                                                                                                         // all
        }
        assertThat(relay.counters().dropped(DropReason.WRONG_MEDIA_TYPE)).isEqualTo(2);
    }

    @Test
    void wrongPasswordAndUnknownMeetingAreRefused() {
        MediaCredentials good = relay.admit("m1", "alice", MediaType.AUDIO, TTL);
        MediaCredentials elsewhere = credentials("m2", "alice", MediaType.AUDIO, Instant.now(),
                Instant.now().plus(TTL));
        try (UdpMediaClient alice = new UdpMediaClient(udp)) {
            assertThat(firstStep(alice, new MediaCredentials(good.token(), "guessed"), MediaType.AUDIO)).isEmpty();
            assertThat(firstStep(alice, elsewhere, MediaType.AUDIO)).isEmpty();
        }
        assertThat(relay.counters().dropped(DropReason.BAD_INTEGRITY)).isEqualTo(1);
        assertThat(relay.counters().dropped(DropReason.UNKNOWN_MEETING)).isEqualTo(1);
    }

    @Test
    void answerBeforeProofIsNeverLargerThanTheRequest() {
        // The smallest request a client can send: one-character ids, no FINGERPRINT. Made a minute ago, so that its
        // nonce (30 s) is stale when echoed now while the token is still valid.
        relay.openMeeting("x");
        clock.shift(Duration.ofMinutes(-1));
        MediaCredentials tiny = relay.admit("x", "y", MediaType.AUDIO, Duration.ofMinutes(5));
        byte[] request = new org.confero.protocol.media.StunMessageBuilder(Stun.BINDING_REQUEST, UdpMediaClient.id())
                .attribute(Stun.ATTR_USERNAME, tiny.token()).mediaType(MediaType.AUDIO)
                .build(tiny.integrityKey(), false);
        try (UdpMediaClient client = new UdpMediaClient(udp)) {
            StunMessage challenge = client.roundTrip(request).orElseThrow();
            assertThat(challenge.size()).isLessThanOrEqualTo(request.length);
            assertThat(challenge.errorCode()).contains(Stun.ERROR_UNAUTHENTICATED);
            clock.shift(Duration.ZERO);
            byte[] retry = new org.confero.protocol.media.StunMessageBuilder(Stun.BINDING_REQUEST, UdpMediaClient.id())
                    .attribute(Stun.ATTR_USERNAME, tiny.token()).mediaType(MediaType.AUDIO)
                    .attribute(Stun.ATTR_NONCE, challenge.stringAttribute(Stun.ATTR_NONCE).orElseThrow())
                    .build(tiny.integrityKey(), false);
            StunMessage stale = client.roundTrip(retry).orElseThrow();
            assertThat(stale.size()).isLessThanOrEqualTo(retry.length);
            assertThat(stale.errorCode()).contains(Stun.ERROR_STALE_NONCE);
        }
        assertThat(relay.counters().dropped(DropReason.AMPLIFICATION)).isZero();
        assertThat(relay.status().endpoints()).isZero();
    }

    @Test
    void spoofedSourceAddressCanNeverBeBound() {
        MediaCredentials alice = relay.admit("m1", "alice", MediaType.AUDIO, TTL);
        InetSocketAddress victim = new InetSocketAddress(RelayTestSupport.loopback(), 9); // discard port: listens not
        CapturingUdpOut out = new CapturingUdpOut();
        FanOut fanOut = new FanOut(out, UnpooledByteBufAllocator.DEFAULT);
        PacketRouter router = relay.router();
        // 1. The attacker, off the path, sends a binding request with the victim's address as source.
        byte[] first = MediaBinding.request(alice, MediaType.AUDIO, Optional.empty(), UdpMediaClient.id());
        feed(router, first, victim, fanOut);
        assertThat(out.to(victim)).singleElement().satisfies(s -> {
            assertThat(s.media()).isFalse();
            assertThat(s.bytes().length).isLessThanOrEqualTo(first.length);
        });
        // 2. It cannot see the nonce that went to the victim: guesses fail.
        for (int i = 0; i < 100; i++) {
            byte[] guess = new byte[20];
            java.util.concurrent.ThreadLocalRandom.current().nextBytes(guess);
            String nonce = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(guess);
            feed(router, MediaBinding.request(alice, MediaType.AUDIO, Optional.of(nonce), UdpMediaClient.id()), victim,
                    fanOut);
        }
        // 3. A nonce it obtained at its own address is bound to that address: replayed from the victim's, refused.
        try (UdpMediaClient attacker = new UdpMediaClient(udp)) {
            String own = attacker
                    .roundTrip(MediaBinding.request(alice, MediaType.AUDIO, Optional.empty(), UdpMediaClient.id()))
                    .orElseThrow().stringAttribute(Stun.ATTR_NONCE).orElseThrow();
            feed(router, MediaBinding.request(alice, MediaType.AUDIO, Optional.of(own), UdpMediaClient.id()), victim,
                    fanOut);
        }
        assertThat(relay.counters().dropped(DropReason.BAD_NONCE)).isEqualTo(101);
        assertThat(relay.registry().udpAt(victim)).isNull();
        assertThat(events).isEmpty();
        assertThat(out.to(victim)).hasSize(1); // only the size-bounded challenge ever went there
        // And media "from" the victim is not forwarded.
        feed(router, rtp(1, 100), victim, fanOut);
        assertThat(out.mediaSends).isZero();
        assertThat(relay.counters().dropped(DropReason.UNBOUND_SENDER)).isEqualTo(1);
    }

    private static void feed(PacketRouter router, byte[] packet, InetSocketAddress from, FanOut out) {
        ByteBuf buf = Unpooled.wrappedBuffer(packet);
        try {
            router.onUdp(buf, from, out);
        } finally {
            buf.release();
        }
    }

    @Test
    void participantRebindsFromANewAddress() {
        MediaCredentials alices = relay.admit("m1", "alice", MediaType.AUDIO, TTL);
        try (UdpMediaClient bob = new UdpMediaClient(udp); UdpMediaClient before = new UdpMediaClient(udp);
                UdpMediaClient after = new UdpMediaClient(udp)) {
            bob.bind(relay.admit("m1", "bob", MediaType.AUDIO, TTL), MediaType.AUDIO);
            before.bind(alices, MediaType.AUDIO);
            after.bind(alices, MediaType.AUDIO); // NAT rebinding: new address, fresh handshake
            assertThat(events).anyMatch(e -> e.type() == RelayEvent.Type.BOUND && e.detail().equals("rebound"));
            assertThat(events).anyMatch(e -> e.type() == RelayEvent.Type.LEFT && e.participantId().equals("alice"));
            bob.send(rtp(1, 100));
            assertThat(after.receiveMedia(WAIT)).isPresent();
            assertThat(before.receiveMedia(QUIET)).isEmpty();
            before.send(rtp(2, 100));
            assertThat(bob.receiveMedia(QUIET)).isEmpty();
            after.send(rtp(3, 100));
            assertThat(bob.receiveMedia(WAIT)).isPresent();
            assertThat(relay.status().endpoints()).isEqualTo(2);
        }
    }

    @Test
    void boundClientMayRepeatItsRequestAsKeepAlive() {
        MediaCredentials alices = relay.admit("m1", "alice", MediaType.AUDIO, TTL);
        try (UdpMediaClient alice = new UdpMediaClient(udp)) {
            alice.bind(alices, MediaType.AUDIO);
            StunMessage answer = firstStep(alice, alices, MediaType.AUDIO).orElseThrow();
            assertThat(answer.type()).isEqualTo(Stun.BINDING_SUCCESS);
            assertThat(events).filteredOn(e -> e.type() == RelayEvent.Type.BOUND).hasSize(1);
        }
    }

    @Test
    void consentLostUnbindsAndSilencesTheAddress() {
        relay.stop();
        // Timeout long enough that a loaded 2-core machine never starves the answering client past it (it answers
        // every 25 ms); the silent one is unbound after it all the same.
        relay = new MediaRelay(
                RelayTestSupport.config().consentInterval(Duration.ofMillis(150))
                        .consentTimeout(Duration.ofMillis(2000)).build(),
                key, executor, events::add, org.confero.media.relay.transport.RelayTransport.best(), clock);
        relay.start();
        relay.openMeeting("m1");
        udp = relay.status().udpAddress().orElseThrow();
        try (UdpMediaClient alice = new UdpMediaClient(udp); UdpMediaClient bob = new UdpMediaClient(udp)) {
            alice.bind(relay.admit("m1", "alice", MediaType.AUDIO, TTL), MediaType.AUDIO);
            bob.bind(relay.admit("m1", "bob", MediaType.AUDIO, TTL), MediaType.AUDIO);
            bob.answerConsent = false;
            long deadline = System.nanoTime() + WAIT.plusSeconds(5).toNanos();
            while (System.nanoTime() < deadline
                    && events.stream().noneMatch(e -> e.type() == RelayEvent.Type.CONSENT_LOST)) {
                alice.serviceFor(Duration.ofMillis(25));
                bob.serviceFor(Duration.ofMillis(25));
            }
            assertThat(events).filteredOn(e -> e.type() == RelayEvent.Type.CONSENT_LOST).singleElement()
                    .satisfies(e -> assertThat(e.participantId()).isEqualTo("bob"));
            assertThat(bob.consentChecks.get()).isPositive();
            // Alice answers and stays bound well past the timeout; Bob hears nothing more, not even checks.
            bob.serviceFor(Duration.ofMillis(200)); // drain what was in flight at the moment of loss
            int checksAtLoss = bob.consentChecks.get();
            long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
            while (System.nanoTime() < until) {
                alice.serviceFor(Duration.ofMillis(25));
                bob.serviceFor(Duration.ofMillis(25));
            }
            assertThat(bob.consentChecks.get()).isEqualTo(checksAtLoss);
            assertThat(events).filteredOn(e -> e.type() == RelayEvent.Type.CONSENT_LOST).hasSize(1);
            assertThat(alice.consentChecks.get()).isGreaterThan(5);
            alice.send(rtp(1, 100));
            assertThat(await(() -> relay.counters().mediaIn() == 1, WAIT)).isTrue();
            assertThat(bob.receiveMedia(QUIET)).isEmpty();
            assertThat(relay.counters().controlIn()).isGreaterThan(5); // consent answers counted
        }
    }
}
