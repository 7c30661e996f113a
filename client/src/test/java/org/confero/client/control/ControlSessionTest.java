package org.confero.client.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.confero.client.fakes.Await;
import org.confero.client.fakes.FakeCluster;
import org.confero.client.fakes.FakeCluster.Router;
import org.confero.client.fakes.RecordingControlListener;
import org.confero.client.media.MediaGrant;
import org.confero.client.media.MediaGrantSource;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentRequest.ResumeCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControlSessionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);
    private static final ResumeCredentials SEAT = new ResumeCredentials("m1", "p1", "s1", "r1");

    private final FakeCluster cluster = new FakeCluster();
    private final Router first = cluster.router("mmr-1");
    private final Router second = cluster.router("mmr-2");
    private final RecordingControlListener listener = new RecordingControlListener();
    private ControlSession session;

    @AfterEach
    void tearDown() {
        if (session != null) {
            session.close();
        }
        cluster.close();
    }

    @Test
    void aResumeAfterADropSendsTheLastChatIdAndShowsEveryChatOnce() throws Exception {
        session = join(Relocation.NONE);
        cluster.chat("ann", "one");
        cluster.chat("ann", "two");
        Await.until(() -> listener.chatTexts().size() == 2, "the chat before the drop");

        // Lost with the connection: it reaches us by the replay only.
        cluster.chatUnseen("ann", "three");
        first.drop();
        Await.until(() -> listener.chatTexts().size() == 3, "the missed chat, replayed");
        // The router replays the whole log: a duplicate would show by now, as it comes before "three".
        Await.until(() -> listener.states().contains("resumed"), "resumed");

        assertThat(listener.chatTexts()).containsExactly("one", "two", "three");
        assertThat(listener.states()).containsExactly("lost", "resumed");
        JsonObject resume = first.received("resume").get(0);
        assertThat(resume.getJsonNumber("lastChatId").longValue()).isEqualTo(2);
        assertThat(resume.getString("sessionId")).isEqualTo("s1");
        assertThat(resume.getString("resumeToken")).isEqualTo("r1");
    }

    @Test
    void aResumeBeforeAnyChatSendsNoLastChatId() throws Exception {
        session = join(Relocation.NONE);

        first.drop();
        Await.until(() -> listener.states().contains("resumed"), "resumed");

        assertThat(first.received("resume").get(0).containsKey("lastChatId")).isFalse();
    }

    @Test
    void anUnreachableRouterIsLeftAtOnceForTheRouterTheRelocationNames() throws Exception {
        MovingTo relocation = new MovingTo(second.url());
        session = join(relocation);
        cluster.chat("ann", "before");
        Await.until(() -> listener.chatTexts().size() == 1, "the chat before the kill");

        long killedAt = System.nanoTime();
        first.kill();
        Await.until(() -> listener.states().contains("resumed"), "resumed on the second router");
        Duration took = Duration.ofNanos(System.nanoTime() - killedAt);

        assertThat(relocation.seats).containsExactly(SEAT);
        assertThat(relocation.reasons.get(0)).contains("Connection refused");
        assertThat(session.controlUrl()).isEqualTo(second.url());
        assertThat(second.received("resume")).singleElement()
                .satisfies(r -> assertThat(r.getJsonNumber("lastChatId").longValue()).isEqualTo(1));
        Await.until(() -> relocation.resumedAt.get() != null, "the relocation told of the resume");
        assertThat(relocation.resumedAt.get()).isEqualTo(second.url());
        // The media follows with what the new router's resumed message brought.
        assertThat(relocation.grantAtResume.get().credentials(MediaType.AUDIO)).map(MediaCredentials::token)
                .hasValue("audio-mmr-2-1");
        // The first attempt at the dead router is refused at once, and no back-off pause comes before the move.
        assertThat(took).isLessThan(Duration.ofMillis(400));

        session.chat("after");
        Await.until(() -> listener.chatTexts().contains("after"), "chat through the second router");
        assertThat(listener.chatTexts()).containsExactly("before", "after");
        assertThat(second.received("chat")).extracting(m -> m.getString("text")).containsExactly("after");
    }

    @Test
    void anErrorAnswerIsNoReasonToMove() throws Exception {
        MovingTo relocation = new MovingTo(second.url());
        session = join(relocation);
        first.refuseResumes(1);

        first.drop();
        Await.until(() -> listener.states().contains("resumed"), "resumed on the same router after a pause");

        assertThat(relocation.reasons).isEmpty();
        assertThat(first.received("resume")).hasSize(2);
        assertThat(second.received()).isEmpty();
        assertThat(session.controlUrl()).isEqualTo(first.url());
    }

    @Test
    void chatWrittenWhileTheChannelIsDownGoesOutInOrderRightAfterTheResume() throws Exception {
        Held relocation = new Held(second.url());
        session = join(relocation);

        first.kill();
        assertThat(relocation.entered.await(5, TimeUnit.SECONDS)).isTrue();
        session.chat("written while down");
        session.chat("and another");
        relocation.release.countDown();
        Await.until(() -> listener.chatTexts().size() == 2, "the queued chat, echoed by the meeting");

        assertThat(listener.chatTexts()).containsExactly("written while down", "and another");
        assertThat(second.received()).extracting(m -> m.getString("type") + " " + m.getString("text", ""))
                .startsWith("resume ", "chat written while down", "chat and another");
    }

    @Test
    void chatWaitingForTheChannelIsBoundedAndNoneOfItIsLost() throws Exception {
        Held relocation = new Held(second.url());
        session = join(relocation);

        first.kill();
        assertThat(relocation.entered.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 100; i++) {
            session.chat("queued " + i);
        }
        assertThatThrownBy(() -> session.chat("one too many")).isInstanceOf(IOException.class)
                .hasMessageContaining("100");
        relocation.release.countDown();
        Await.until(() -> second.received("chat").size() == 100, "every queued chat sent");

        assertThat(second.received("chat")).extracting(m -> m.getString("text")).first().isEqualTo("queued 0");
        assertThat(second.received("chat")).extracting(m -> m.getString("text")).last().isEqualTo("queued 99");
    }

    @Test
    void otherMessagesFailWhileTheChannelIsDown() throws Exception {
        Held relocation = new Held(second.url());
        session = join(relocation);

        first.kill();
        assertThat(relocation.entered.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> session.mute("audio", true)).isInstanceOf(IOException.class)
                .hasMessageContaining("resuming");
    }

    @Test
    void closingDuringARelocationEndsItAndItsThread() throws Exception {
        Held relocation = new Held(second.url());
        session = join(relocation);
        first.kill();
        assertThat(relocation.entered.await(5, TimeUnit.SECONDS)).isTrue();

        session.close();

        Thread failover = relocation.thread.get();
        failover.join(2000);
        assertThat(failover.isAlive()).isFalse();
        assertThat(relocation.interrupted).isTrue();
        assertThat(second.received()).isEmpty();
        assertThat(listener.states()).containsExactly("lost");
    }

    @Test
    void joinedBringsMediaCredentialsWhichTheSessionKeepsFromTheListener() throws Exception {
        session = join(Relocation.NONE);

        MediaGrant grant = session.mediaGrant().orElseThrow();
        assertThat(grant.mediaTypes()).containsExactlyInAnyOrder(MediaType.AUDIO, MediaType.VIDEO, MediaType.CONTENT);
        assertThat(grant.credentials(MediaType.AUDIO)).hasValue(new MediaCredentials("audio-mmr-1-1", "pw-1"));
        assertThat(grant.expires()).hasValueSatisfying(e -> assertThat(e).isAfter(Instant.now()));
        assertThat(session.waiting()).isFalse();
        assertThat(session.welcome().containsKey("media")).isFalse();
        assertThat(session.awaitAdmission(Duration.ofMillis(1))).isSameAs(grant);
    }

    @Test
    void aResumeAtTheSameRouterReplacesTheCredentials() throws Exception {
        session = join(Relocation.NONE);

        first.drop();
        Await.until(() -> listener.states().contains("resumed"), "resumed");

        assertThat(session.mediaGrant().flatMap(g -> g.credentials(MediaType.AUDIO))).map(MediaCredentials::token)
                .hasValue("audio-mmr-1-2");
    }

    @Test
    void aRefreshAsksTheRouterAndReturnsTheFreshCredentials() throws Exception {
        session = join(Relocation.NONE);

        MediaGrant fresh = session.refreshMediaGrant();

        assertThat(first.received("media-credentials")).hasSize(1);
        assertThat(fresh.credentials(MediaType.VIDEO)).map(MediaCredentials::token).hasValue("video-mmr-1-2");
        assertThat(session.mediaGrant()).containsSame(fresh);
        // The session takes the credentials before the listener hears the message.
        Await.until(() -> listener.messages().stream().anyMatch(m -> m.getString("type").equals("media-credentials")),
                "the answer shown to the listener");
        assertThat(listener.messages()).anySatisfy(m -> {
            assertThat(m.getString("type")).isEqualTo("media-credentials");
            assertThat(m.containsKey("media")).isFalse();
        });
    }

    @Test
    void aWebinarRoleChangeReplacesTheCredentialsAndTheListenerSeesItWithoutThem() throws Exception {
        session = join(Relocation.NONE);

        first.changeRole("panelist");

        Await.until(() -> listener.messages().stream().anyMatch(m -> m.getString("type").equals("role")),
                "the role message shown to the listener");
        assertThat(session.mediaGrant().flatMap(g -> g.credentials(MediaType.AUDIO))).map(MediaCredentials::token)
                .as("the session took the promotion's credentials first").hasValue("audio-mmr-1-2");
        assertThat(listener.messages()).filteredOn(m -> m.getString("type").equals("role")).singleElement()
                .satisfies(m -> {
                    assertThat(m.getString("role")).isEqualTo("panelist");
                    assertThat(m.containsKey("media")).isFalse();
                });
    }

    @Test
    void aWaitingParticipantHasNoCredentialsAndIsRefusedFreshOnes() throws Exception {
        first.useWaitingRoom(true);
        session = join(Relocation.NONE);

        assertThat(session.waiting()).isTrue();
        assertThat(session.mediaGrant()).isEmpty();
        assertThatThrownBy(() -> session.refreshMediaGrant()).isInstanceOfSatisfying(NotAdmittedException.class,
                e -> assertThat(e.reason()).isEqualTo(NotAdmittedException.Reason.REFUSED));
    }

    @Test
    void admissionHandsOverTheCredentialsOfAdmitted() throws Exception {
        first.useWaitingRoom(true);
        session = join(Relocation.NONE);
        CompletableFuture<MediaGrant> admitted = CompletableFuture.supplyAsync(() -> {
            try {
                return session.awaitAdmission(Duration.ofSeconds(5));
            } catch (IOException | InterruptedException e) {
                throw new CompletionException(e);
            }
        });

        first.admitAll();

        assertThat(admitted.get(5, TimeUnit.SECONDS).credentials(MediaType.AUDIO)).map(MediaCredentials::token)
                .hasValue("audio-mmr-1-1");
        assertThat(session.waiting()).isFalse();
        assertThat(session.welcome().getString("type")).isEqualTo("admitted");
    }

    @Test
    void theMeetingEndingWhileWeWaitEndsTheWait() throws Exception {
        first.useWaitingRoom(true);
        session = join(Relocation.NONE);

        first.end();

        assertThatThrownBy(() -> session.awaitAdmission(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(NotAdmittedException.class,
                        e -> assertThat(e.reason()).isEqualTo(NotAdmittedException.Reason.ENDED))
                .hasMessageContaining("ended");
    }

    private ControlSession join(Relocation relocation) throws IOException, InterruptedException {
        return ControlSession.join(cluster, first.url(), "m1", "join-token", listener, TIMEOUT, KEEP_ALIVE, relocation);
    }

    /** Always names the same router, and remembers what it was asked. */
    private static final class MovingTo implements Relocation {
        final URI to;
        final List<ResumeCredentials> seats = new CopyOnWriteArrayList<>();
        final List<String> reasons = new CopyOnWriteArrayList<>();
        final AtomicReference<URI> resumedAt = new AtomicReference<>();
        final AtomicReference<MediaGrant> grantAtResume = new AtomicReference<>();

        MovingTo(URI to) {
            this.to = to;
        }

        @Override
        public Optional<URI> relocate(ResumeCredentials seat, String reason) {
            seats.add(seat);
            reasons.add(reason);
            return Optional.of(to);
        }

        @Override
        public void resumed(URI controlUrl, Duration sinceLost, MediaGrantSource media) {
            resumedAt.set(controlUrl);
            grantAtResume.set(media.mediaGrant().orElse(null));
        }
    }

    /** Names a router only once the test lets it: the channel stays down meanwhile. */
    private static final class Held implements Relocation {
        final URI to;
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicReference<Thread> thread = new AtomicReference<>();
        volatile boolean interrupted;

        Held(URI to) {
            this.to = to;
        }

        @Override
        public Optional<URI> relocate(ResumeCredentials seat, String reason) throws InterruptedException {
            thread.set(Thread.currentThread());
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
                throw e;
            }
            return Optional.of(to);
        }
    }
}
