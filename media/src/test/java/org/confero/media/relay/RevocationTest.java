package org.confero.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.confero.media.relay.RelayTestSupport.WAIT;
import static org.confero.media.relay.RelayTestSupport.await;
import static org.confero.media.relay.RelayTestSupport.rtp;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.confero.protocol.media.MediaBinding;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaToken;
import org.confero.protocol.media.MediaTokenSigner;
import org.confero.protocol.media.MediaType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 18: revocation and closing hold on every transport (virtual endpoints included), a closed meeting stays closed
 * for the credentials issued before, and what the relay remembers for that is bounded.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RevocationTest {

    static final Duration TTL = Duration.ofMinutes(5);
    static final Duration QUIET = Duration.ofMillis(300);
    static final Duration MAX_LIFETIME = Duration.ofHours(1);

    final byte[] key = RelayTestSupport.key();
    final MediaTokenSigner signer = new MediaTokenSigner(key);
    final MutableClock clock = new MutableClock();
    final List<RelayEvent> events = new CopyOnWriteArrayList<>();
    ExecutorService executor;
    MediaRelay relay;
    InetSocketAddress udp;

    @BeforeEach
    void start() {
        executor = RelayTestSupport.executor("revocation");
        relay = new MediaRelay(RelayTestSupport.config().maxTokenLifetime(MAX_LIFETIME).build(), key, executor,
                events::add, org.confero.media.relay.transport.RelayTransport.best(), clock);
        relay.start();
        relay.openMeeting("m1");
        udp = relay.status().udpAddress().orElseThrow();
    }

    @AfterEach
    void stop() {
        relay.stop();
        executor.shutdownNow();
    }

    Instant issuedAt(MediaCredentials credentials) {
        return signer.verify(credentials.token(), clock.instant()).token().orElseThrow().issuedAt();
    }

    /** A virtual endpoint's sink that keeps what it receives and why it was closed. */
    static final class RecordingSink implements VirtualSink {
        final BlockingQueue<byte[]> packets = new LinkedBlockingQueue<>();
        final List<String> closed = new CopyOnWriteArrayList<>();

        @Override
        public void accept(ByteBuffer packet) {
            byte[] copy = new byte[packet.remaining()];
            packet.duplicate().get(copy);
            packets.add(copy);
        }

        @Override
        public void closed(String reason) {
            closed.add(reason);
        }
    }

    @Test
    void aVirtualEndpointCannotAttachWithRevokedCredentials() throws Exception {
        // Attack 3: after leave, the same media token bound again over WebSocket while UDP refused it.
        MediaCredentials alices = relay.admit("m1", "alice", MediaType.AUDIO, TTL);
        RecordingSink first = new RecordingSink();
        try (UdpMediaClient bob = new UdpMediaClient(udp)) {
            bob.bind(relay.admit("m1", "bob", MediaType.AUDIO, TTL), MediaType.AUDIO);
            VirtualEndpointHandle alice = relay.attachVirtualEndpoint("m1", "alice", MediaType.AUDIO, issuedAt(alices),
                    first);

            relay.revoke("m1", "alice");

            assertThat(first.closed).as("told at once, before revoke returned").containsExactly(RelayEvent.REVOKED);
            assertThat(alice.isBound()).isFalse();
            RecordingSink again = new RecordingSink();
            assertThatThrownBy(
                    () -> relay.attachVirtualEndpoint("m1", "alice", MediaType.AUDIO, issuedAt(alices), again))
                            .isInstanceOfSatisfying(VirtualEndpointRefusedException.class,
                                    e -> assertThat(e.reason()).isEqualTo(DropReason.REVOKED));
            assertThat(relay.counters().dropped(DropReason.REVOKED)).isEqualTo(1);
            // Bob's binding answer may reach him a moment before the relay's I/O thread counts it as control: wait.
            assertThat(await(() -> relay.counters().unaccountedIn() == 0, WAIT)).isTrue();
            // Bob, the victim of the eavesdropping, is still bound and nothing of his reaches alice any more.
            bob.send(rtp(1, 100));
            assertThat(await(() -> relay.counters("m1").orElseThrow().mediaIn() == 1, WAIT)).isTrue();
            assertThat(first.packets.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isNull();
            assertThat(again.packets).isEmpty();
            assertThat(relay.status().endpoints()).isEqualTo(1);

            // Re-admitted, she attaches with her fresh credentials.
            MediaCredentials fresh = relay.admit("m1", "alice", MediaType.AUDIO, TTL);
            try (VirtualEndpointHandle back = relay.attachVirtualEndpoint("m1", "alice", MediaType.AUDIO,
                    issuedAt(fresh), again)) {
                bob.send(rtp(2, 100));
                assertThat(again.packets.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(rtp(2, 100));
            }
        }
    }

    @Test
    void aVirtualEndpointsSinkIsToldWhyTheRelayUnboundIt() {
        RecordingSink replaced = new RecordingSink();
        RecordingSink closedWithMeeting = new RecordingSink();
        RecordingSink detached = new RecordingSink();
        relay.attachVirtualEndpoint("m1", "alice", MediaType.AUDIO, clock.instant(), replaced);
        relay.attachVirtualEndpoint("m1", "alice", MediaType.AUDIO, clock.instant(), closedWithMeeting);
        relay.attachVirtualEndpoint("m1", "bob", MediaType.AUDIO, clock.instant(), detached).close();

        relay.closeMeeting("m1");

        assertThat(replaced.closed).containsExactly(RelayEvent.REPLACED);
        assertThat(closedWithMeeting.closed).containsExactly(RelayEvent.MEETING_CLOSED);
        assertThat(detached.closed).as("its owner closed it: nothing to tell").isEmpty();
    }

    @Test
    void aReopenedMeetingRefusesTheCredentialsIssuedBeforeItClosed() {
        MediaCredentials before = relay.admit("m1", "alice", MediaType.AUDIO, TTL);
        MediaCredentials bobsBefore = relay.admit("m1", "bob", MediaType.AUDIO, TTL);
        relay.closeMeeting("m1");
        assertThatThrownBy(() -> relay.attachVirtualEndpoint("m1", "bob", MediaType.AUDIO, issuedAt(bobsBefore),
                new RecordingSink())).isInstanceOfSatisfying(VirtualEndpointRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(DropReason.MEETING_CLOSED));

        relay.openMeeting("m1"); // attack 2: a new assign used to reopen the ended meeting for the old credentials

        try (UdpMediaClient alice = new UdpMediaClient(udp)) {
            assertThat(alice.roundTrip(
                    MediaBinding.request(before, MediaType.AUDIO, Optional.empty(), UdpMediaClient.id()), QUIET))
                            .isEmpty();
            assertThatThrownBy(() -> relay.attachVirtualEndpoint("m1", "bob", MediaType.AUDIO, issuedAt(bobsBefore),
                    new RecordingSink())).isInstanceOfSatisfying(VirtualEndpointRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(DropReason.MEETING_CLOSED));
            assertThat(relay.counters().dropped(DropReason.MEETING_CLOSED)).isEqualTo(3);
            assertThat(relay.status().endpoints()).isZero();

            // Credentials the reopened meeting issues bind, even within the millisecond of the close.
            alice.bind(relay.admit("m1", "alice", MediaType.AUDIO, TTL), MediaType.AUDIO);
            assertThat(relay.status().endpoints()).isEqualTo(1);
        }
    }

    @Test
    void aMeetingNeverOpenedHereIsReportedAsSuch() {
        assertThatThrownBy(() -> relay.attachVirtualEndpoint("elsewhere", "bob", MediaType.AUDIO, clock.instant(),
                new RecordingSink())).isInstanceOfSatisfying(VirtualEndpointRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(DropReason.UNKNOWN_MEETING));
    }

    @Test
    void revocationsAndClosesAreForgottenOnceNoUnexpiredTokenCanPredateThem() {
        for (int i = 0; i < 100; i++) {
            relay.revoke("m1", "p" + i);
            relay.closeMeeting("closed-" + i);
        }
        Meeting meeting = relay.registry().meeting("m1").orElseThrow();
        relay.housekeeping();
        assertThat(meeting.revocationCount()).isEqualTo(100);
        assertThat(relay.registry().closedMeetingCount()).isEqualTo(100);

        clock.shift(MAX_LIFETIME.plusSeconds(1));
        relay.housekeeping();

        assertThat(meeting.revocationCount()).isZero();
        assertThat(relay.registry().closedMeetingCount()).isZero();
    }

    @Test
    void credentialsOlderThanTheLongestLifetimeAreRefusedSoForgottenRevocationsCannotMatter() {
        Instant longAgo = clock.instant().minus(MAX_LIFETIME);
        MediaCredentials longLived = signer.credentials(
                new MediaToken("m1", "alice", MediaType.AUDIO, longAgo, longAgo.plus(Duration.ofHours(2))));

        try (UdpMediaClient alice = new UdpMediaClient(udp)) {
            assertThat(alice.roundTrip(
                    MediaBinding.request(longLived, MediaType.AUDIO, Optional.empty(), UdpMediaClient.id()), QUIET))
                            .isEmpty();
        }
        assertThatThrownBy(
                () -> relay.attachVirtualEndpoint("m1", "alice", MediaType.AUDIO, longAgo, new RecordingSink()))
                        .isInstanceOfSatisfying(VirtualEndpointRefusedException.class,
                                e -> assertThat(e.reason()).isEqualTo(DropReason.EXPIRED_TOKEN));
        assertThat(relay.counters().dropped(DropReason.BAD_TOKEN)).isEqualTo(1);
        assertThatThrownBy(() -> relay.admit("m1", "alice", MediaType.AUDIO, MAX_LIFETIME.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTokenLifetime");
        assertThat(events).isEmpty();
    }
}
