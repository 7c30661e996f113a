package org.confero.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.confero.client.control.NotAdmittedException;
import org.confero.client.control.NotAdmittedException.Reason;
import org.confero.client.fakes.Await;
import org.confero.client.fakes.FakeCluster;
import org.confero.client.fakes.FakeCluster.Router;
import org.confero.client.fakes.FakeMediaConnection;
import org.confero.client.fakes.RecordingControlListener;
import org.confero.client.media.MediaConnection;
import org.confero.client.media.MediaConnector;
import org.confero.client.media.MediaOutcome;
import org.confero.client.media.MediaDialer;
import org.confero.client.media.RefreshingConnector;
import org.confero.client.media.Transport;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView;
import org.confero.protocol.rest.AssignmentView.MediaEndpoints;
import org.confero.protocol.rest.JoinInfoView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The join after assignment against in-process routers: control channel, waiting room, then media with the control
 * channel's credentials — and no media at all before a host admitted us.
 */
@Timeout(20)
class MeetingEntryTest {

    private static final List<Transport> PLAN = List.of(Transport.UDP, Transport.TCP, Transport.WEBSOCKET);
    private static final JoinInfoView INFO = new JoinInfoView(null, "join-token", null, List.of(), List.of(),
            "https://confero.test/join/m1", null);

    private final FakeCluster cluster = new FakeCluster();
    private final Router router = cluster.router("mmr-1");
    private final RecordingControlListener control = new RecordingControlListener();
    private final List<String> phases = new CopyOnWriteArrayList<>();
    private final List<String> dialled = new CopyOnWriteArrayList<>();
    private final List<FakeMediaConnection> connections = new CopyOnWriteArrayList<>();
    private final List<String> roles = new CopyOnWriteArrayList<>();
    private final StagePassBook stagePasses = new StagePassBook(10);
    private MeetingSession session;
    private Thread joiner;

    @AfterEach
    void tearDown() {
        if (session != null) {
            session.close();
        }
        cluster.close();
    }

    @Test
    void aMeetingWithoutWaitingRoomBindsEveryMediaTypeWithTheCredentialsOfJoined() throws Exception {
        session = enter(ClientOptions.defaults());

        assertThat(router.audioTokens()).containsExactly("audio-mmr-1-1");
        assertThat(dialled).containsExactly("UDP audio-mmr-1-1", "UDP video-mmr-1-1", "UDP content-mmr-1-1");
        assertThat(phases).doesNotContain("started ADMISSION");
        assertThat(session.control().welcome().getString("type")).isEqualTo("joined");
        assertThat(session.control().welcome().containsKey("media")).as("the passwords stay in the session").isFalse();
        assertThat(session.media(MediaType.CONTENT)).isPresent();
    }

    @Test
    void aPromotionRebindsEveryMediaTypeWithTheNewCredentialsMakeBeforeBreakAndADemotionRebindsAgain()
            throws Exception {
        session = enter(ClientOptions.defaults());
        assertThat(session.role()).as("the fake router seats everyone as an attendee").isEqualTo("attendee");
        MediaConnection audio = session.media(MediaType.AUDIO).orElseThrow();
        FakeMediaConnection receiveOnly = connections.get(0);

        router.changeRole("panelist");

        Await.until(() -> roles.contains("panelist true 3 bound"), "told once every media type is bound anew");
        assertThat(dialled).containsSubsequence("UDP audio-mmr-1-1", "UDP audio-mmr-1-2", "UDP video-mmr-1-2",
                "UDP content-mmr-1-2");
        assertThat(session.role()).isEqualTo("panelist");
        assertThat(session.canSend()).isTrue();
        assertThat(session.media(MediaType.AUDIO)).as("the application keeps its connection").containsSame(audio);
        audio.send(new byte[] { 1 });
        FakeMediaConnection sender = connections.stream().filter(c -> c.label().startsWith("AUDIO")).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(sender.sent()).as("sent on the panelist's binding").hasSize(1);
        assertThat(receiveOnly.sent()).isEmpty();
        assertThat(receiveOnly.isOpen()).as("the old binding still delivers what was on its way").isTrue();
        Await.until(() -> !receiveOnly.isOpen(), "the old binding retired after the overlap");

        router.changeRole("attendee");

        Await.until(() -> roles.contains("attendee false 3 bound"), "demoted and bound anew");
        assertThat(dialled).contains("UDP audio-mmr-1-3");
        assertThat(session.canSend()).isFalse();
        assertThat(control.messages()).anySatisfy(m -> {
            assertThat(m.getString("type")).isEqualTo("role");
            assertThat(m.containsKey("media")).isFalse();
        });
    }

    @Test
    void aRejoinThroughTheSameClientPresentsThePromotionsStagePassUntilADemotion() throws Exception {
        session = enter(ClientOptions.defaults());
        assertThat(router.received("join").get(0).containsKey("stagePass")).isFalse();
        router.changeRole("panelist");
        Await.until(() -> roles.contains("panelist true 3 bound"), "promoted");
        session.close();

        session = enter(ClientOptions.defaults());
        assertThat(router.received("join").get(1).getString("stagePass")).as("the rejoin presents the pass")
                .isEqualTo("pass-mmr-1");
        router.changeRole("attendee");
        Await.until(() -> roles.contains("attendee false 3 bound"), "demoted");
        session.close();

        session = enter(ClientOptions.defaults());
        assertThat(router.received("join").get(2).containsKey("stagePass")).as("demoted: forgotten").isFalse();
    }

    @Test
    void fromTheWaitingRoomMediaConnectsOnlyOnceAHostAdmitted() throws Exception {
        router.useWaitingRoom(true);
        CompletableFuture<MeetingSession> joining = enterInBackground();
        Await.until(() -> phases.contains("started ADMISSION"), "reported as waiting");
        Await.until(this::joinerWaitsForAdmission, "the joining thread parked until admission");
        assertThat(dialled).isEmpty();
        assertThat(joining).isNotDone();

        router.admitAll();
        session = joining.get(5, TimeUnit.SECONDS);

        assertThat(phases).containsSubsequence("ok CONTROL", "started ADMISSION", "ok ADMISSION", "started MEDIA",
                "ok MEDIA");
        assertThat(router.audioTokens()).containsExactly("audio-mmr-1-1");
        assertThat(dialled).startsWith("UDP audio-mmr-1-1");
        assertThat(session.control().welcome().getString("type")).isEqualTo("admitted");
        Await.until(() -> control.messages().stream().anyMatch(m -> m.getString("type").equals("admitted")),
                "the application told of the admission");
        assertThat(control.messages()).anySatisfy(m -> {
            assertThat(m.getString("type")).isEqualTo("admitted");
            assertThat(m.containsKey("media")).isFalse();
        });
    }

    @Test
    void removedFromTheWaitingRoomTheJoinFailsWithoutEverTouchingMedia() throws Exception {
        router.useWaitingRoom(true);
        CompletableFuture<MeetingSession> joining = enterInBackground();
        Await.until(() -> phases.contains("started ADMISSION"), "reported as waiting");

        router.removeAll();

        assertThat(failure(joining)).isInstanceOfSatisfying(NotAdmittedException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.REMOVED));
        assertThat(phases).contains("failed ADMISSION a host removed you").doesNotContain("started MEDIA");
        assertThat(dialled).isEmpty();
    }

    @Test
    void noAdmissionWithinTheTimeoutGivesUpAndLeavesTheWaitingRoom() throws Exception {
        router.useWaitingRoom(true);

        assertThatThrownBy(() -> enter(ClientOptions.builder().admissionTimeout(Duration.ofMillis(300)).build()))
                .isInstanceOfSatisfying(NotAdmittedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TIMED_OUT));

        assertThat(phases).anySatisfy(p -> assertThat(p).startsWith("failed ADMISSION no host admitted you"));
        assertThat(dialled).isEmpty();
        Await.until(() -> router.connections() == 0, "the control channel closed");
    }

    /** Joins on a thread of its own ({@link #joiner}), as an application's joining thread. */
    private CompletableFuture<MeetingSession> enterInBackground() {
        CompletableFuture<MeetingSession> result = new CompletableFuture<>();
        joiner = new Thread(() -> {
            try {
                result.complete(enter(ClientOptions.defaults()));
            } catch (IOException | InterruptedException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, "joiner");
        joiner.setDaemon(true);
        joiner.start();
        return result;
    }

    /** The joining thread is blocked in the wait for admission: it can only go on when credentials come. */
    private boolean joinerWaitsForAdmission() {
        return joiner.getState() == Thread.State.TIMED_WAITING && java.util.Arrays.stream(joiner.getStackTrace())
                .anyMatch(frame -> frame.getMethodName().equals("awaitAdmission"));
    }

    private MeetingSession enter(ClientOptions options) throws IOException, InterruptedException {
        ConnectionListener listener = new ConnectionListener() {
            @Override
            public void phaseStarted(Phase phase) {
                phases.add("started " + phase);
            }

            @Override
            public void phaseSucceeded(Phase phase, String detail) {
                phases.add("ok " + phase);
            }

            @Override
            public void phaseFailed(Phase phase, String reason) {
                phases.add("failed " + phase + " " + reason);
            }

            @Override
            public void roleChanged(String role, boolean canSend, List<MediaOutcome> rebound) {
                roles.add(role + " " + canSend + " " + rebound.stream().filter(o -> o.connection().isPresent()).count()
                        + " bound");
            }
        };
        RefreshingConnector connector = new RefreshingConnector(new MediaConnector(
                Map.of(Transport.UDP, recording(Transport.UDP), Transport.TCP, recording(Transport.TCP),
                        Transport.WEBSOCKET, recording(Transport.WEBSOCKET)),
                t -> Duration.ofSeconds(1)));
        AssignmentView assignment = new AssignmentView("m1", "p1", "zone-1", router.name(), router.url().toString(),
                new MediaEndpoints("mmr-1.test", 8801, 8801, "wss://mmr-1.test/media"), Map.of(),
                Instant.now().plusSeconds(60), "test");
        MediaHandover handover = new MediaHandover(connector, PLAN, listener);
        RouterFailover failover = new RouterFailover((url, request) -> {
            throw new IOException("no other router in this test");
        }, List.of(), "join-token", assignment, handover, listener);
        return new MeetingEntry(cluster, options, listener, connector, PLAN, false, java.util.Optional.empty(),
                stagePasses).enter(INFO, assignment, failover, handover, control);
    }

    /** Every dial binds at once, and is written down with the token it used. */
    private MediaDialer recording(Transport transport) {
        return (endpoints, credentials, type, timeout, attempt) -> {
            dialled.add(transport + " " + credentials.token());
            FakeMediaConnection connection = new FakeMediaConnection(transport, type + " on " + endpoints.host());
            connections.add(connection);
            return connection;
        };
    }

    private static Throwable failure(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get(5, TimeUnit.SECONDS);
            throw new AssertionError("the join succeeded");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the join still waits", e);
        }
    }
}
