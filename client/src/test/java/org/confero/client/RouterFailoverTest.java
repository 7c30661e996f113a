package org.confero.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.confero.client.control.ControlSession;
import org.confero.client.fakes.Await;
import org.confero.client.fakes.FakeCluster;
import org.confero.client.fakes.FakeCluster.Router;
import org.confero.client.fakes.FakeMediaConnection;
import org.confero.client.fakes.RecordingControlListener;
import org.confero.client.media.CredentialsRefusedException;
import org.confero.client.media.MediaAttempt;
import org.confero.client.media.MediaConnection;
import org.confero.client.media.MediaConnector;
import org.confero.client.media.MediaDialer;
import org.confero.client.media.MediaOutcome;
import org.confero.client.media.RefreshingConnector;
import org.confero.client.media.Transport;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentRequest;
import org.confero.protocol.rest.AssignmentRequest.ResumeCredentials;
import org.confero.protocol.rest.AssignmentView;
import org.confero.protocol.rest.AssignmentView.MediaEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A router dies under a joined session: control channel and media carry on over the router the controllers name. */
class RouterFailoverTest {

    private static final List<Transport> PLAN = List.of(Transport.UDP, Transport.TCP, Transport.WEBSOCKET);

    private final FakeCluster cluster = new FakeCluster();
    private final Router first = cluster.router("mmr-1");
    private final Router second = cluster.router("mmr-2");
    private final RecordingControlListener control = new RecordingControlListener();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<AssignmentRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> dialled = new CopyOnWriteArrayList<>();
    private final List<FakeMediaConnection> dialledConnections = new CopyOnWriteArrayList<>();
    private final List<String> relocations = new CopyOnWriteArrayList<>();
    private final List<MediaOutcome> reconnected = new CopyOnWriteArrayList<>();
    /** Tokens the fake relay refuses explicitly (a 401 after the nonce). */
    private final Set<String> refuse = ConcurrentHashMap.newKeySet();
    private volatile Router named = second;
    private MeetingSession session;

    @AfterEach
    void tearDown() {
        if (session != null) {
            session.close();
        }
        cluster.close();
    }

    @Test
    void theSessionMovesToTheRouterTheNextControllerNamesAndItsMediaFollowsWithTheResumedCredentials()
            throws Exception {
        FakeMediaConnection audioOnFirst = new FakeMediaConnection(Transport.TCP, "audio on mmr-1");
        session = joined(audioOnFirst);
        MediaConnection audio = session.media(MediaType.AUDIO).orElseThrow();
        List<String> heard = new CopyOnWriteArrayList<>();
        audio.deliverTo(p -> heard.add(new String(p)));

        first.kill();
        Await.until(() -> !relocations.isEmpty(), "relocated");

        ResumeCredentials seat = new ResumeCredentials("m1", "p1", "s1", "r1");
        assertThat(asked).as("best controller first; the one down hands over").containsExactly("https://zc-a",
                "https://zc-b");
        assertThat(requests).containsOnly(new AssignmentRequest("join-token", seat, "mmr-1"));
        assertThat(session.control().controlUrl()).isEqualTo(second.url());
        assertThat(session.assignment().router()).isEqualTo("mmr-2");
        assertThat(relocations).singleElement().satisfies(r -> assertThat(r).startsWith("mmr-1 -> mmr-2 in "));

        // The media reconnected to the new router with the credentials its resumed message brought (the assignment
        // has none), starting at the transport that worked.
        assertThat(second.audioTokens()).singleElement().isEqualTo("audio-mmr-2-1");
        assertThat(dialled).containsExactly("TCP mmr-2.test audio-mmr-2-1");
        assertThat(second.received("media-credentials")).isEmpty();
        assertThat(reconnected).singleElement()
                .satisfies(o -> assertThat(o.connection()).map(MediaConnection::transport).hasValue(Transport.TCP));
        assertThat(session.media(MediaType.AUDIO)).containsSame(audio);
        assertThat(audio.transport()).isEqualTo(Transport.TCP);
        assertThat(audioOnFirst.isOpen()).isFalse();

        dialledConnections.get(0).inject("from mmr-2".getBytes());
        audio.send("to mmr-2".getBytes());
        assertThat(heard).containsExactly("from mmr-2");
        assertThat(dialledConnections.get(0).sent()).extracting(String::new).containsExactly("to mmr-2");
    }

    @Test
    void credentialsTheNewRoutersRelayRefusesAreReplacedByFreshOnesFromTheControlChannel() throws Exception {
        refuse.add("audio-mmr-2-1");
        session = joined(new FakeMediaConnection(Transport.TCP, "audio on mmr-1"));
        MediaConnection audio = session.media(MediaType.AUDIO).orElseThrow();

        first.kill();
        Await.until(() -> !relocations.isEmpty(), "relocated");

        assertThat(second.received("media-credentials")).hasSize(1);
        assertThat(second.audioTokens()).containsExactly("audio-mmr-2-1", "audio-mmr-2-2");
        // Refused over TCP: UDP is not tried again, the fresh credentials go where the relay answered.
        assertThat(dialled).containsExactly("TCP mmr-2.test audio-mmr-2-1", "TCP mmr-2.test audio-mmr-2-2");
        assertThat(reconnected).singleElement().satisfies(o -> {
            assertThat(o.connection()).isPresent();
            assertThat(o.attempts()).extracting(MediaAttempt::credentialsRefused).containsExactly(true, false);
        });
        audio.send("to mmr-2".getBytes());
        assertThat(dialledConnections).singleElement()
                .satisfies(c -> assertThat(c.sent()).extracting(String::new).containsExactly("to mmr-2"));
    }

    @Test
    void aControlDropAtALiveRouterLeavesTheMediaAlone() throws Exception {
        FakeMediaConnection audioOnFirst = new FakeMediaConnection(Transport.UDP, "audio on mmr-1");
        session = joined(audioOnFirst);

        first.drop();
        Await.until(() -> control.states().contains("resumed"), "resumed");

        assertThat(asked).isEmpty();
        assertThat(dialled).isEmpty();
        assertThat(relocations).isEmpty();
        assertThat(audioOnFirst.isOpen()).isTrue();
        assertThat(session.assignment().router()).isEqualTo("mmr-1");
    }

    @Test
    void aRouterTheControllerFindsAliveKeepsItsMedia() throws Exception {
        FakeMediaConnection audioOnFirst = new FakeMediaConnection(Transport.UDP, "audio on mmr-1");
        session = joined(audioOnFirst);
        named = first;
        first.refuseConnections(1);

        first.drop();
        Await.until(() -> control.states().contains("resumed"), "resumed at the same router");

        assertThat(asked).contains("https://zc-b");
        assertThat(session.control().controlUrl()).isEqualTo(first.url());
        assertThat(dialled).isEmpty();
        assertThat(relocations).isEmpty();
        assertThat(audioOnFirst.isOpen()).isTrue();
        assertThat(session.media(MediaType.AUDIO).orElseThrow().transport()).isEqualTo(Transport.UDP);
    }

    @Test
    void leavingDuringAFailoverStopsIt() throws Exception {
        session = joined(new FakeMediaConnection(Transport.UDP, "audio on mmr-1"));
        second.kill();
        first.kill();
        Await.until(() -> asked.size() >= 2, "a relocation under way");

        session.leave();

        Await.until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("confero-control-m1")), "the control thread ended");
        assertThat(session.media(MediaType.AUDIO).orElseThrow().isOpen()).isFalse();
        assertThat(control.states()).doesNotContain("resumed");
    }

    private MeetingSession joined(FakeMediaConnection audio) throws IOException, InterruptedException {
        ConnectionListener listener = new ConnectionListener() {
            @Override
            public void mediaConnected(MediaOutcome outcome) {
                reconnected.add(outcome);
            }

            @Override
            public void relocated(String fromRouter, String toRouter, Duration took) {
                relocations.add(fromRouter + " -> " + toRouter + " in " + took.toMillis() + " ms");
            }
        };
        MediaHandover handover = new MediaHandover(
                new RefreshingConnector(new MediaConnector(dialers(), t -> Duration.ofSeconds(1))), PLAN, listener);
        RouterFailover failover = new RouterFailover(this::assign, List.of("https://zc-a", "https://zc-b"),
                "join-token", assignment(first), handover, listener);
        ControlSession channel = ControlSession.join(cluster, first.url(), "m1", "join-token", control,
                Duration.ofSeconds(2), Duration.ofSeconds(20), failover);
        return new MeetingSession(null, failover::assignment, channel, handover.carry(Map.of(MediaType.AUDIO, audio)),
                null);
    }

    /** The first controller is down; the second names the second router. */
    private AssignmentView assign(String controllerUrl, AssignmentRequest request) throws IOException {
        asked.add(controllerUrl);
        requests.add(request);
        if (controllerUrl.equals("https://zc-a")) {
            throw new ConnectException("Connection refused");
        }
        return assignment(named);
    }

    private Map<Transport, MediaDialer> dialers() {
        MediaDialer dialer = (endpoints, credentials, type, timeout, attempt) -> {
            throw new IOException("no such transport here");
        };
        return Map.of(Transport.UDP, dialer, Transport.TCP, (endpoints, credentials, type, timeout, attempt) -> {
            dialled.add("TCP " + endpoints.host() + " " + credentials.token());
            if (refuse.contains(credentials.token())) {
                throw new CredentialsRefusedException("binding refused: credentials not accepted");
            }
            FakeMediaConnection connection = new FakeMediaConnection(Transport.TCP, "audio on " + endpoints.host());
            dialledConnections.add(connection);
            return connection;
        }, Transport.WEBSOCKET, dialer);
    }

    /** As a zone controller answers for a meeting: no credentials, those come from the control channel. */
    private static AssignmentView assignment(Router router) {
        return new AssignmentView("m1", "p1", "zone-1", router.name(), router.url().toString(),
                new MediaEndpoints(router.name() + ".test", 8801, 8801, "wss://" + router.name() + ".test/media"),
                Map.of(), Instant.now().plusSeconds(60), "test");
    }
}
