package org.confero.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.confero.protocol.media.CascadeLink;
import org.confero.protocol.media.MediaBinding;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.media.Stun;
import org.confero.protocol.media.StunMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 18, attack 5: a participant may open only so many new connections per media type and minute. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BindRateTest {

    static final int PER_MINUTE = 5;
    static final Duration TTL = Duration.ofMinutes(5);
    static final Duration QUIET = Duration.ofMillis(300);

    final MutableClock clock = new MutableClock();
    ExecutorService executor;
    MediaRelay relay;
    InetSocketAddress udp;
    final List<UdpMediaClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        executor = RelayTestSupport.executor("bind-rate");
        relay = new MediaRelay(RelayTestSupport.config().bindsPerMinute(PER_MINUTE).build(), RelayTestSupport.key(),
                executor, RelayListener.NONE, org.confero.media.relay.transport.RelayTransport.best(), clock);
        relay.start();
        relay.openMeeting("m1");
        udp = relay.status().udpAddress().orElseThrow();
    }

    @AfterEach
    void stop() {
        clients.forEach(UdpMediaClient::close);
        relay.stop();
        executor.shutdownNow();
    }

    /** The whole handshake from a new address; whether the relay bound it. */
    boolean bindsFromANewAddress(MediaCredentials credentials, MediaType type) {
        UdpMediaClient client = new UdpMediaClient(udp);
        clients.add(client);
        StunMessage challenge = client
                .roundTrip(MediaBinding.request(credentials, type, Optional.empty(), UdpMediaClient.id()))
                .orElseThrow(() -> new AssertionError("no challenge"));
        String nonce = challenge.stringAttribute(Stun.ATTR_NONCE).orElseThrow();
        return client.roundTrip(MediaBinding.request(credentials, type, Optional.of(nonce), UdpMediaClient.id()), QUIET)
                .filter(answer -> answer.type() == Stun.BINDING_SUCCESS).isPresent();
    }

    @Test
    void newBindingsOverTheRateAreRefusedAndCountedButKeepAlivesAreNot() {
        MediaCredentials alices = relay.admit("m1", "alice", MediaType.AUDIO, TTL);
        for (int i = 0; i < PER_MINUTE; i++) {
            assertThat(bindsFromANewAddress(alices, MediaType.AUDIO)).as("binding %d", i + 1).isTrue();
        }
        UdpMediaClient bound = clients.get(clients.size() - 1);
        for (int i = 0; i < 3 * PER_MINUTE; i++) {
            assertThat(bound
                    .roundTrip(MediaBinding.request(alices, MediaType.AUDIO, Optional.empty(), UdpMediaClient.id())))
                            .hasValueSatisfying(answer -> assertThat(answer.type()).isEqualTo(Stun.BINDING_SUCCESS));
        }

        assertThat(bindsFromANewAddress(alices, MediaType.AUDIO)).as("one over the rate").isFalse();

        assertThat(relay.counters().dropped(DropReason.BIND_RATE_LIMITED)).isEqualTo(1);
        assertThat(relay.counters("m1").orElseThrow().dropped(DropReason.BIND_RATE_LIMITED)).isEqualTo(1);
        assertThat(relay.registry().udpAt(bound.address())).as("the current binding is untouched").isNotNull();
        // The limit is per participant and media type.
        assertThat(bindsFromANewAddress(relay.admit("m1", "alice", MediaType.VIDEO, TTL), MediaType.VIDEO)).isTrue();
        assertThat(bindsFromANewAddress(relay.admit("m1", "bob", MediaType.AUDIO, TTL), MediaType.AUDIO)).isTrue();
        // A minute later the participant may bind again.
        clock.shift(Duration.ofSeconds(61));
        assertThat(bindsFromANewAddress(alices, MediaType.AUDIO)).isTrue();
    }

    @Test
    void virtualEndpointsCountAndAreRefusedLikewiseExceptCascadeLinks() {
        for (int i = 0; i < PER_MINUTE; i++) {
            relay.attachVirtualEndpoint("m1", "alice", MediaType.AUDIO, clock.instant(), packet -> {
            });
        }
        assertThatThrownBy(
                () -> relay.attachVirtualEndpoint("m1", "alice", MediaType.AUDIO, clock.instant(), packet -> {
                })).isInstanceOfSatisfying(VirtualEndpointRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(DropReason.BIND_RATE_LIMITED));
        assertThat(relay.counters().dropped(DropReason.BIND_RATE_LIMITED)).isEqualTo(1);
        assertThat(relay.counters().unaccountedIn()).isZero();

        // A router's link is re-dialled by its reconciler as often as it breaks; it is not a participant.
        for (int i = 0; i < 3 * PER_MINUTE; i++) {
            relay.attachVirtualEndpoint("m1", CascadeLink.participantId("mmr-b"), MediaType.AUDIO, clock.instant(),
                    packet -> {
                    });
        }
        assertThat(relay.status().endpoints()).isEqualTo(2);
    }

    @Test
    void rateWindowsAreForgottenOnceOverAndGoWithTheirMeeting() {
        for (String participant : List.of("a", "b", "c")) {
            relay.attachVirtualEndpoint("m1", participant, MediaType.AUDIO, clock.instant(), packet -> {
            });
        }
        Meeting meeting = relay.registry().meeting("m1").orElseThrow();
        relay.housekeeping();
        assertThat(meeting.bindRateCount()).isEqualTo(3);

        clock.shift(Duration.ofSeconds(61));
        relay.housekeeping();

        assertThat(meeting.bindRateCount()).isZero();
        relay.closeMeeting("m1");
        assertThat(relay.registry().meeting("m1")).isEmpty();
    }
}
