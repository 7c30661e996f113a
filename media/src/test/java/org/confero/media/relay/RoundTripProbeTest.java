package org.confero.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.confero.protocol.media.MediaBinding;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.media.Stun;
import org.confero.protocol.media.StunMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 22: a client times the round trip of each media path with a binding request on its bound connection (the
 * keep-alive of RFC 8489 / 7675). The relay answers it on the binding's own key for as long as the binding lasts — also
 * once the token it bound with has expired — with an answer no larger than the request; an unbound source gets no
 * answer for an expired token, and a wrong key gets none on a bound one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RoundTripProbeTest {

    static final Duration TTL = Duration.ofMinutes(5);

    final MutableClock clock = new MutableClock();
    RunningRelay running;
    MediaRelay relay;
    InetSocketAddress udp;
    InetSocketAddress tcp;

    @BeforeEach
    void start() {
        running = new RunningRelay("round-trip-probe", RelayTestSupport.key(), e -> {
        }, clock, "m1");
        relay = running.relay;
        udp = running.udp;
        tcp = running.tcp;
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void aBoundUdpPathIsAnsweredAfterItsTokenExpired() {
        MediaCredentials credentials = relay.admit("m1", "ann", MediaType.AUDIO, TTL);
        try (UdpMediaClient ann = new UdpMediaClient(udp)) {
            ann.bind(credentials, MediaType.AUDIO);
            clock.shift(TTL.plusMinutes(1));
            byte[] probe = MediaBinding.request(credentials, MediaType.AUDIO, Optional.empty(), UdpMediaClient.id());
            Optional<StunMessage> answer = ann.roundTrip(probe);
            assertThat(answer).hasValueSatisfying(a -> {
                assertThat(a.type()).isEqualTo(Stun.BINDING_SUCCESS);
                assertThat(a.verifyIntegrity(credentials.integrityKey())).isTrue();
                assertThat(a.size()).isLessThanOrEqualTo(probe.length);
            });
            assertThat(relay.counters().dropped(DropReason.EXPIRED_TOKEN)).isZero();
        }
    }

    @Test
    void anUnboundSourceOrAWrongKeyGetsNoAnswer() {
        MediaCredentials credentials = relay.admit("m1", "ann", MediaType.AUDIO, TTL);
        MediaCredentials other = relay.admit("m1", "bob", MediaType.AUDIO, TTL);
        try (UdpMediaClient ann = new UdpMediaClient(udp); UdpMediaClient stranger = new UdpMediaClient(udp)) {
            ann.bind(credentials, MediaType.AUDIO);
            clock.shift(TTL.plusMinutes(1));
            assertThat(stranger.roundTrip(
                    MediaBinding.request(credentials, MediaType.AUDIO, Optional.empty(), UdpMediaClient.id()),
                    Duration.ofMillis(500))).as("not bound there, token expired").isEmpty();
            assertThat(
                    ann.roundTrip(MediaBinding.request(other, MediaType.AUDIO, Optional.empty(), UdpMediaClient.id()),
                            Duration.ofMillis(500))).as("another binding's (expired) credentials").isEmpty();
            assertThat(relay.counters().dropped(DropReason.EXPIRED_TOKEN)).isEqualTo(2);
        }
    }

    @Test
    void aBoundTcpConnectionIsAnsweredAfterItsTokenExpired() throws Exception {
        MediaCredentials credentials = relay.admit("m1", "cid", MediaType.VIDEO, TTL);
        try (TcpMediaClient cid = new TcpMediaClient(tcp)) {
            cid.bind(credentials, MediaType.VIDEO);
            clock.shift(TTL.plusMinutes(1));
            StunMessage answer = cid.roundTrip(
                    MediaBinding.request(credentials, MediaType.VIDEO, Optional.empty(), UdpMediaClient.id()));
            assertThat(answer.type()).isEqualTo(Stun.BINDING_SUCCESS);
            assertThat(answer.verifyIntegrity(credentials.integrityKey())).isTrue();
        }
    }
}
