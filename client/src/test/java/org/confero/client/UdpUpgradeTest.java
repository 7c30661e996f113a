package org.confero.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.confero.client.fakes.FakeMediaConnection;
import org.confero.client.media.MediaConnection;
import org.confero.client.media.MediaConnector;
import org.confero.client.media.MediaDialer;
import org.confero.client.media.MediaGrant;
import org.confero.client.media.MediaGrantSource;
import org.confero.client.media.MediaOutcome;
import org.confero.client.media.RefreshingConnector;
import org.confero.client.media.Transport;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView;
import org.confero.protocol.rest.AssignmentView.MediaEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The UDP upgrade, one try at a time ({@link UdpUpgrade#upgradeOnce}): a fake UDP path that is blocked or open, and the
 * media connections of a session that joined over TCP.
 */
@Timeout(20)
class UdpUpgradeTest {

    private static final Duration OVERLAP = Duration.ofMillis(200);
    private static final AssignmentView ROUTER = new AssignmentView("m1", "p1", "zone-1", "mmr-1",
            "wss://mmr-1/control", new MediaEndpoints("mmr-1.test", 8801, 8801, "wss://mmr-1.test/media"), Map.of(),
            Instant.now().plusSeconds(60), "test");

    private volatile boolean udpBlocked = true;
    private final List<String> dialled = new CopyOnWriteArrayList<>();
    private final List<String> moves = new CopyOnWriteArrayList<>();
    private final Map<MediaType, FakeMediaConnection> tcp = new EnumMap<>(MediaType.class);
    private final MediaHandover handover = new MediaHandover(
            new RefreshingConnector(new MediaConnector(Map.of(), t -> Duration.ofSeconds(1))),
            List.of(Transport.UDP, Transport.TCP), ConnectionListener.NONE);
    private Map<MediaType, MediaConnection> media;

    @Test
    void whileUdpIsBlockedOneSmallTryPerRoundAndNothingMoves() throws Exception {
        joinedOverTcp(MediaType.AUDIO, MediaType.VIDEO);

        assertThat(upgrade().upgradeOnce()).isEmpty();

        assertThat(dialled).as("one media type tried; the others would fare no better").containsExactly("UDP AUDIO");
        assertThat(media.get(MediaType.AUDIO).transport()).isEqualTo(Transport.TCP);
        assertThat(tcp.get(MediaType.AUDIO).isOpen()).isTrue();
    }

    @Test
    void onceUdpWorksEveryMediaTypeMovesMakeBeforeBreak() throws Exception {
        joinedOverTcp(MediaType.AUDIO, MediaType.VIDEO);
        udpBlocked = false;
        List<String> received = new CopyOnWriteArrayList<>();
        media.get(MediaType.AUDIO).deliverTo(p -> received.add(new String(p)));

        Thread lateTcpPacket = new Thread(() -> {
            try {
                Thread.sleep(OVERLAP.toMillis() / 2);
            } catch (InterruptedException e) {
                return;
            }
            tcp.get(MediaType.AUDIO).inject("late over TCP".getBytes());
        });
        lateTcpPacket.start();
        List<MediaType> moved = upgrade().upgradeOnce();
        lateTcpPacket.join();

        assertThat(moved).containsExactly(MediaType.AUDIO, MediaType.VIDEO);
        assertThat(moves).containsExactly("AUDIO TCP -> UDP", "VIDEO TCP -> UDP");
        assertThat(media.get(MediaType.AUDIO).transport()).isEqualTo(Transport.UDP);
        assertThat(received).as("what the relay sent over TCP before the move still arrived").contains("late over TCP");
        assertThat(tcp.values()).as("the replaced connections are closed after the overlap")
                .noneMatch(FakeMediaConnection::isOpen);
        media.get(MediaType.AUDIO).send(new byte[] { 7 });
        assertThat(tcp.get(MediaType.AUDIO).sent()).isEmpty();
    }

    @Test
    void mediaAlreadyOnUdpIsLeftAlone() throws Exception {
        udpBlocked = false;
        joinedOverTcp(MediaType.AUDIO);
        upgrade().upgradeOnce();
        dialled.clear();

        assertThat(upgrade().upgradeOnce()).isEmpty();
        assertThat(dialled).isEmpty();
    }

    @Test
    void aFailoverUnderWayWins() throws Exception {
        joinedOverTcp(MediaType.AUDIO);
        udpBlocked = false;
        handover.suspend(); // the router is gone: its media too

        assertThat(upgrade().upgradeOnce()).isEmpty();
        assertThat(dialled).isEmpty();
    }

    private UdpUpgrade upgrade() {
        MediaDialer udp = (endpoints, credentials, type, timeout, attempt) -> {
            dialled.add("UDP " + type);
            if (udpBlocked) {
                throw new SocketTimeoutException("no binding answer in time");
            }
            return new FakeMediaConnection(Transport.UDP, type + " over UDP");
        };
        ConnectionListener listener = new ConnectionListener() {
            @Override
            public void transportChanged(MediaType type, Transport from, Transport to, MediaOutcome outcome) {
                moves.add(type + " " + from + " -> " + to);
            }
        };
        return new UdpUpgrade(handover,
                new RefreshingConnector(new MediaConnector(Map.of(Transport.UDP, udp), t -> Duration.ofMillis(100))),
                () -> ROUTER, new Grants(), Duration.ofSeconds(3), OVERLAP, listener);
    }

    private void joinedOverTcp(MediaType... types) {
        Map<MediaType, MediaConnection> joined = new EnumMap<>(MediaType.class);
        for (MediaType type : types) {
            FakeMediaConnection c = new FakeMediaConnection(Transport.TCP, type + " over TCP");
            tcp.put(type, c);
            joined.put(type, c);
        }
        media = handover.carry(joined);
    }

    /** The control session's grant: credentials for every media type, valid for a while. */
    private static final class Grants implements MediaGrantSource {
        private final MediaGrant grant;

        Grants() {
            Map<MediaType, MediaCredentials> credentials = new EnumMap<>(MediaType.class);
            for (MediaType type : MediaType.values()) {
                credentials.put(type, new MediaCredentials("token-" + type, "password"));
            }
            grant = new MediaGrant(credentials, Optional.of(Instant.now().plusSeconds(600)));
        }

        @Override
        public Optional<MediaGrant> mediaGrant() {
            return Optional.of(grant);
        }

        @Override
        public MediaGrant refreshMediaGrant() throws IOException {
            return grant;
        }
    }
}
