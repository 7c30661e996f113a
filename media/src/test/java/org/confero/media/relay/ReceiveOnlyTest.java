package org.confero.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confero.media.relay.RelayTestSupport.WAIT;
import static org.confero.media.relay.RelayTestSupport.await;
import static org.confero.media.relay.RelayTestSupport.rtp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Base64;
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
 * Issue 23: a webinar attendee's media credentials receive only. Whatever it sends anyway, on any transport, is dropped
 * and counted as {@link DropReason#NOT_A_SENDER}; it cannot make its token a sender's, nor bind with a panelist's token
 * without the panelist's password; demoted, its sending stops at once; promoted, it sends after one new binding.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReceiveOnlyTest {

    static final Duration TTL = Duration.ofMinutes(5);
    static final Duration QUIET = Duration.ofMillis(300);

    final byte[] key = RelayTestSupport.key();
    final MutableClock clock = new MutableClock();
    RunningRelay running;
    MediaRelay relay;
    InetSocketAddress udp;
    InetSocketAddress tcp;

    @BeforeEach
    void start() {
        running = new RunningRelay("receive-only", key, e -> {
        }, clock, "w1");
        relay = running.relay;
        udp = running.udp;
        tcp = running.tcp;
    }

    @AfterEach
    void stop() {
        running.close();
    }

    MediaCredentials attendee(String id) {
        return relay.admit("w1", id, MediaType.AUDIO, TTL, true);
    }

    MediaCredentials panelist(String id) {
        return relay.admit("w1", id, MediaType.AUDIO, TTL);
    }

    long notASender() {
        return relay.counters().dropped(DropReason.NOT_A_SENDER);
    }

    @Test
    void anAttendeeOnUdpReceivesButWhatItSendsIsDroppedAndCounted() {
        try (UdpMediaClient panelist = new UdpMediaClient(udp); UdpMediaClient attendee = new UdpMediaClient(udp)) {
            panelist.bind(panelist("pan"), MediaType.AUDIO);
            attendee.bind(attendee("att"), MediaType.AUDIO);

            panelist.send(rtp(1, 100));
            assertThat(attendee.receiveMedia(WAIT)).as("attendees receive").contains(rtp(1, 100));

            attendee.send(rtp(2, 100));
            attendee.send(rtp(3, 100));
            assertThat(await(() -> notASender() == 2, WAIT)).isTrue();
            assertThat(panelist.receiveMedia(QUIET)).as("nothing of the attendee's is forwarded").isEmpty();
            assertThat(relay.counters("w1").orElseThrow().dropped(DropReason.NOT_A_SENDER)).isEqualTo(2);
            assertThat(await(() -> relay.counters().unaccountedIn() == 0, WAIT)).isTrue();
        }
    }

    @Test
    void anAttendeeOnTcpReceivesButWhatItSendsIsDroppedAndCounted() {
        try (UdpMediaClient panelist = new UdpMediaClient(udp); TcpMediaClient attendee = new TcpMediaClient(tcp)) {
            panelist.bind(panelist("pan"), MediaType.AUDIO);
            attendee.bind(attendee("att"), MediaType.AUDIO);

            panelist.send(rtp(1, 100));
            assertThat(attendee.receiveFrame(WAIT)).contains(rtp(1, 100));

            attendee.sendFrame(rtp(2, 100));
            assertThat(await(() -> notASender() == 1, WAIT)).isTrue();
            assertThat(panelist.receiveMedia(QUIET)).isEmpty();
        }
    }

    @Test
    void anAttendeeOnAVirtualEndpointReceivesButWhatItSendsIsDroppedAndCounted() throws Exception {
        RevocationTest.RecordingSink sink = new RevocationTest.RecordingSink();
        try (UdpMediaClient panelist = new UdpMediaClient(udp); VirtualEndpointHandle attendee = relay
                .attachVirtualEndpoint("w1", "att", MediaType.AUDIO, clock.instant(), true, sink)) {
            panelist.bind(panelist("pan"), MediaType.AUDIO);

            panelist.send(rtp(1, 100));
            assertThat(sink.packets.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(rtp(1, 100));

            attendee.send(java.nio.ByteBuffer.wrap(rtp(2, 100)));
            assertThat(notASender()).as("counted on the caller's thread").isEqualTo(1);
            assertThat(panelist.receiveMedia(QUIET)).isEmpty();
            assertThat(attendee.isBound()).as("still receiving").isTrue();
        }
    }

    @Test
    void anAttendeeCannotClearItsReceiveOnlyFlagNorBindWithAPanelistsTokenWithoutItsPassword() {
        MediaCredentials own = attendee("att");
        String payload = own.token().substring(0, own.token().indexOf('.'));
        byte[] bytes = Base64.getUrlDecoder().decode(payload);
        bytes[bytes.length - 1] = 0; // the flags byte: "may send"
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
                + own.token().substring(own.token().indexOf('.'));
        // With the password recomputed for the forged text it would need the key: it has only its own password.
        MediaCredentials forgedCredentials = new MediaCredentials(forged, own.password());
        MediaCredentials panelists = panelist("pan");
        MediaCredentials borrowed = new MediaCredentials(panelists.token(), own.password());
        try (UdpMediaClient attacker = new UdpMediaClient(udp)) {
            assertThat(attacker.roundTrip(
                    MediaBinding.request(forgedCredentials, MediaType.AUDIO, Optional.empty(), UdpMediaClient.id()),
                    QUIET)).as("forged token: no answer").isEmpty();
            assertThat(attacker.roundTrip(
                    MediaBinding.request(borrowed, MediaType.AUDIO, Optional.empty(), UdpMediaClient.id()), QUIET))
                            .as("a panelist's token without its password: no answer").isEmpty();
        }
        assertThat(relay.counters().dropped(DropReason.BAD_TOKEN)).isEqualTo(1);
        assertThat(relay.counters().dropped(DropReason.BAD_INTEGRITY)).isEqualTo(1);
        assertThat(relay.status().endpoints()).isZero();
    }

    @Test
    void aDemotedPanelistsSendingIsRefusedAtOnceAndItsSenderTokenNoLongerBinds() {
        try (UdpMediaClient listener = new UdpMediaClient(udp); UdpMediaClient demoted = new UdpMediaClient(udp);
                UdpMediaClient replay = new UdpMediaClient(udp)) {
            listener.bind(attendee("listener"), MediaType.AUDIO);
            MediaCredentials senderCredentials = panelist("pan");
            demoted.bind(senderCredentials, MediaType.AUDIO);
            demoted.send(rtp(1, 100));
            assertThat(listener.receiveMedia(WAIT)).contains(rtp(1, 100));

            relay.revoke("w1", "pan");
            MediaCredentials receiveOnly = attendee("pan");

            demoted.send(rtp(2, 100));
            assertThat(listener.receiveMedia(QUIET)).as("revoked: nothing forwarded").isEmpty();
            StunMessage refused = replay.roundTrip(
                    MediaBinding.request(senderCredentials, MediaType.AUDIO, Optional.empty(), UdpMediaClient.id()),
                    QUIET).orElse(null);
            assertThat(refused).as("the old sender token is refused (no challenge)").isNull();
            assertThat(relay.counters().dropped(DropReason.REVOKED)).isEqualTo(1);

            demoted.bind(receiveOnly, MediaType.AUDIO);
            demoted.send(rtp(3, 100));
            assertThat(await(() -> notASender() == 1, WAIT)).isTrue();
            assertThat(listener.receiveMedia(QUIET)).isEmpty();
        }
    }

    @Test
    void aPromotedAttendeeSendsAfterOneNewBindingFromTheSameAddress() {
        try (UdpMediaClient listener = new UdpMediaClient(udp); UdpMediaClient promoted = new UdpMediaClient(udp)) {
            listener.bind(attendee("listener"), MediaType.AUDIO);
            promoted.bind(attendee("att"), MediaType.AUDIO);
            promoted.send(rtp(1, 100));
            assertThat(await(() -> notASender() == 1, WAIT)).isTrue();

            // Same socket, same participant and media type: not a keep-alive, because the right differs.
            StunMessage success = promoted.bind(panelist("att"), MediaType.AUDIO);
            assertThat(success.type()).isEqualTo(Stun.BINDING_SUCCESS);
            promoted.send(rtp(2, 100));
            assertThat(listener.receiveMedia(WAIT)).contains(rtp(2, 100));
            assertThat(notASender()).isEqualTo(1);
        }
    }

    /**
     * An attendee's receiver reports and keyframe requests (RFC 4585 PLI, RFC 5104 FIR) reach the panelists it receives
     * — they need them to repair loss and send a keyframe — but never another attendee; its RTP stays refused.
     */
    @Test
    void anAttendeesRtcpFeedbackReachesTheSendersOnlyWhileItsRtpStaysRefused() {
        try (UdpMediaClient panelist = new UdpMediaClient(udp); UdpMediaClient attendee = new UdpMediaClient(udp);
                UdpMediaClient other = new UdpMediaClient(udp); TcpMediaClient tcpPanelist = new TcpMediaClient(tcp)) {
            panelist.bind(panelist("pan"), MediaType.AUDIO);
            tcpPanelist.bind(panelist("pan2"), MediaType.AUDIO);
            attendee.bind(attendee("att"), MediaType.AUDIO);
            other.bind(attendee("other"), MediaType.AUDIO);

            byte[] pli = pli(0xA77, 0x4057);
            attendee.send(pli);
            assertThat(panelist.receiveMedia(WAIT)).as("a keyframe request reaches the sender").contains(pli);
            assertThat(tcpPanelist.receiveFrame(WAIT)).as("every sender, on any transport").contains(pli);
            byte[] report = receiverReport(0xA77, 0x4057);
            attendee.send(report);
            assertThat(panelist.receiveMedia(WAIT)).as("a receiver report").contains(report);
            assertThat(other.receiveMedia(QUIET)).as("never to another attendee").isEmpty();

            attendee.send(rtp(1, 100));
            assertThat(await(() -> notASender() == 1, WAIT)).as("RTP stays refused").isTrue();
            assertThat(panelist.receiveMedia(QUIET)).isEmpty();
            assertThat(await(() -> relay.counters().unaccountedIn() == 0, WAIT)).isTrue();
        }
    }

    @Test
    void anAttendeesSenderReportOrAppPacketIsNoFeedbackAndStaysRefused() {
        try (UdpMediaClient panelist = new UdpMediaClient(udp); UdpMediaClient attendee = new UdpMediaClient(udp)) {
            panelist.bind(panelist("pan"), MediaType.AUDIO);
            attendee.bind(attendee("att"), MediaType.AUDIO);

            byte[] senderReport = receiverReport(0xA77, 0x4057);
            senderReport[1] = (byte) 200; // SR: only a sender reports what it sent
            attendee.send(senderReport);
            byte[] smuggled = concat(receiverReport(0xA77, 0x4057), app(0xA77));
            attendee.send(smuggled);
            assertThat(await(() -> notASender() == 2, WAIT)).isTrue();
            assertThat(panelist.receiveMedia(QUIET)).isEmpty();
        }
    }

    @Test
    void anAttendeesFeedbackIsBoundedPerBinding() {
        try (UdpMediaClient panelist = new UdpMediaClient(udp); UdpMediaClient attendee = new UdpMediaClient(udp)) {
            panelist.bind(panelist("pan"), MediaType.AUDIO);
            attendee.bind(attendee("att"), MediaType.AUDIO);

            int burst = ReceiverFeedback.PER_SECOND * 3;
            for (int i = 0; i < burst; i++) {
                attendee.send(pli(0xA77, 0x4057));
            }
            int through = panelist.receiveMedia(burst, Duration.ofSeconds(1)).size();
            assertThat(through).as("within one window (two, if the burst straddled one)")
                    .isBetween(ReceiverFeedback.PER_SECOND, 2 * ReceiverFeedback.PER_SECOND);
            assertThat(await(() -> relay.counters().dropped(DropReason.FEEDBACK_RATE_LIMITED) == burst - through, WAIT))
                    .as("the rest dropped and counted").isTrue();
            assertThat(await(() -> relay.counters().unaccountedIn() == 0, WAIT)).isTrue();
        }
    }

    /** RFC 4585 §6.3.1 Picture Loss Indication: PSFB (206), FMT 1, no FCI. */
    static byte[] pli(int senderSsrc, int mediaSsrc) {
        return new byte[] { (byte) 0x81, (byte) 206, 0, 2, (byte) (senderSsrc >>> 24), (byte) (senderSsrc >>> 16),
                (byte) (senderSsrc >>> 8), (byte) senderSsrc, (byte) (mediaSsrc >>> 24), (byte) (mediaSsrc >>> 16),
                (byte) (mediaSsrc >>> 8), (byte) mediaSsrc };
    }

    /** RFC 3550 §6.4.2 receiver report with one report block. */
    static byte[] receiverReport(int senderSsrc, int sourceSsrc) {
        byte[] rr = new byte[32];
        rr[0] = (byte) 0x81;
        rr[1] = (byte) 201;
        rr[3] = 7;
        rr[4] = (byte) (senderSsrc >>> 24);
        rr[7] = (byte) senderSsrc;
        rr[8] = (byte) (sourceSsrc >>> 24);
        rr[11] = (byte) sourceSsrc;
        return rr;
    }

    /** RFC 3550 §6.7 APP packet: an application's own data, nothing a sender needs from a receiver. */
    static byte[] app(int ssrc) {
        return new byte[] { (byte) 0x80, (byte) 204, 0, 3, 0, 0, 0, (byte) ssrc, 'N', 'A', 'M', 'E', 1, 2, 3, 4 };
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Test
    void aKeepAliveWithTheSameRightsStaysAKeepAlive() {
        try (UdpMediaClient attendee = new UdpMediaClient(udp)) {
            MediaCredentials credentials = attendee("att");
            attendee.bind(credentials, MediaType.AUDIO);
            Optional<StunMessage> answer = attendee.roundTrip(
                    MediaBinding.request(credentials, MediaType.AUDIO, Optional.empty(), UdpMediaClient.id()));
            assertThat(answer).hasValueSatisfying(a -> assertThat(a.type()).isEqualTo(Stun.BINDING_SUCCESS));
        }
    }
}
