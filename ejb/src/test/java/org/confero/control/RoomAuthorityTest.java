package org.confero.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.confero.common.MutableClock;
import org.confero.control.ControlRoomTest.Sink;
import org.confero.protocol.media.MediaCredentials;
import org.junit.jupiter.api.Test;

/**
 * The room's authority rules, each as the attack of issue 18 it stops: the refusal, and the victim's state unchanged.
 */
class RoomAuthorityTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);
    private final List<String> granted = new ArrayList<>();
    private final List<String> revoked = new ArrayList<>();
    private final ControlRoom.Effects effects = new ControlRoom.Effects() {
        @Override
        public void revokeMedia(String meetingId, String participantId) {
            revoked.add(participantId);
        }

        @Override
        public void meetingEnded(String meetingId) {
        }

        @Override
        public Optional<MediaGrant> grantMedia(String meetingId, String participantId) {
            granted.add(participantId);
            return Optional.of(new MediaGrant(Map.of("audio", new MediaCredentials("t-" + participantId, "pw")),
                    clock.instant().plusSeconds(300)));
        }
    };
    private final ChatLog chatLog = new ChatLog() {
        private long ids;

        @Override
        public synchronized Entry store(String meetingId, String participantId, String name, String text, Instant at) {
            return new Entry(++ids, participantId, name, text, at);
        }

        @Override
        public List<Entry> after(String meetingId, long lastId) {
            return List.of();
        }
    };

    private ControlRoom room(boolean waitingRoom, RoomLimits limits, ChatLog chat, ControlRoom.Effects effects) {
        return new ControlRoom("m", waitingRoom, false, Duration.ofSeconds(30), clock, effects, RoomMirror.NONE, chat,
                limits, new LocalDepartures(Duration.ofMinutes(10), 100, clock));
    }

    private ControlRoom room(boolean waitingRoom) {
        return room(waitingRoom, RoomLimits.DEFAULT, chatLog, effects);
    }

    @Test
    void aResumeWithOwnSessionButAnotherParticipantsIdIsRefused() {
        ControlRoom room = room(false);
        Sink host = new Sink();
        Sink mallory = new Sink();
        room.join("h", "Hana", true, host);
        room.join("m", "Mallory", false, mallory);
        String session = field(mallory.messages.get(0), "sessionId");
        String token = field(mallory.messages.get(0), "resumeToken");
        room.disconnected("m", mallory);

        Sink forged = new Sink();
        assertThat(room.resume("h", session, token, forged)).as("Mallory's session does not make her the host")
                .isFalse();
        assertThat(forged.messages).isEmpty();
        room.mute("h", "m", "audio", true); // the host still acts as itself
        assertThat(host.got("\"type\":\"error\"")).as("the host's seat is untouched").isFalse();
        assertThat(room.roster()).anySatisfy(p -> {
            assertThat(p.getString("id")).isEqualTo("h");
            assertThat(p.getString("state")).isEqualTo("in_meeting");
        });
        assertThat(room.resume("m", session, token, new Sink())).as("her own seat she resumes").isTrue();
    }

    @Test
    void mediaCredentialsGoOnlyToParticipantsInTheMeeting() {
        ControlRoom room = room(true);
        Sink host = new Sink();
        Sink ann = new Sink();
        room.join("h", "Hana", true, host);
        room.join("a", "Ann", false, ann);

        assertThat(host.messages.get(0)).contains("\"type\":\"joined\"").contains("\"media\"").contains("t-h");
        assertThat(ann.messages.get(0)).contains("\"type\":\"waiting\"").doesNotContain("\"media\"");
        room.mediaCredentials("a");
        assertThat(ann.got("\"code\":\"forbidden\"")).isTrue();
        assertThat(granted).containsExactly("h");

        room.admit("h", "a");

        assertThat(ann.messages).filteredOn(m -> m.contains("\"type\":\"admitted\"")).singleElement()
                .satisfies(m -> assertThat(m).contains("\"media\"").contains("t-a").contains("mediaExpires"));
        room.mediaCredentials("a");
        assertThat(ann.got("\"type\":\"media-credentials\"")).isTrue();
    }

    @Test
    void aParticipantWhoLeftCannotRejoinWithTheSameJoinToken() {
        ControlRoom room = room(false);
        Sink host = new Sink();
        room.join("h", "Hana", true, host);
        room.join("a", "Ann", false, new Sink());
        room.leave("a");
        int rosterBefore = room.roster().size();

        Sink again = new Sink();
        room.join("a", "Ann", false, again);

        assertThat(again.got("\"code\":\"left\"")).isTrue();
        assertThat(again.closed).isNotNull();
        assertThat(room.roster()).hasSize(rosterBefore);
        assertThat(granted).containsExactly("h", "a");
    }

    @Test
    void aRemovedParticipantWaitsForAHostBeforeItGetsBackIn() {
        ControlRoom room = room(false);
        Sink host = new Sink();
        room.join("h", "Hana", true, host);
        room.join("a", "Ann", false, Optional.of("ann"), new Sink());
        room.remove("h", "a");
        assertThat(revoked).containsExactly("a");

        Sink sameToken = new Sink();
        room.join("a", "Ann", false, Optional.of("ann"), sameToken);
        Sink sameAccount = new Sink();
        room.join("a2", "Ann", false, Optional.of("ann"), sameAccount);

        assertThat(sameToken.messages.get(0)).contains("\"type\":\"waiting\"").contains("\"reason\":\"removed\"")
                .doesNotContain("\"media\"");
        assertThat(sameAccount.messages.get(0)).as("a new lookup by the same account").contains("\"type\":\"waiting\"")
                .doesNotContain("\"media\"");
        assertThat(room.roster()).extracting(p -> p.getString("id")).containsExactly("h");
        assertThat(host.got("\"event\":\"waiting\"")).isTrue();

        room.admit("h", "a");
        assertThat(sameToken.got("\"type\":\"admitted\"")).isTrue();
        assertThat(granted).containsExactly("h", "a", "a");
    }

    @Test
    void pastTheParticipantLimitOnlyHostsAndSeatedParticipantsGetIn() {
        ControlRoom room = room(false, new RoomLimits(2, 60), chatLog, effects);
        room.join("a", "Ann", false, new Sink());
        room.join("b", "Bob", false, new Sink());

        Sink third = new Sink();
        room.join("c", "Cid", false, third);
        Sink bobAgain = new Sink();
        room.join("b", "Bob", false, bobAgain);
        Sink host = new Sink();
        room.join("h", "Hana", true, host);

        assertThat(third.got("\"code\":\"meeting-full\"")).isTrue();
        assertThat(third.closed).isNotNull();
        assertThat(bobAgain.messages.get(0)).as("a seated participant reconnects").contains("\"type\":\"joined\"");
        assertThat(host.messages.get(0)).contains("\"type\":\"joined\"");
        assertThat(room.roster()).extracting(p -> p.getString("id")).containsExactlyInAnyOrder("a", "b", "h");
    }

    @Test
    void chatIsRateLimitedPerParticipant() {
        ControlRoom room = room(false, new RoomLimits(300, 3), chatLog, effects);
        Sink ann = new Sink();
        Sink bob = new Sink();
        room.join("a", "Ann", false, ann);
        room.join("b", "Bob", false, bob);

        for (int i = 0; i < 5; i++) {
            room.chat("a", "spam " + i);
        }
        room.chat("b", "hello");

        assertThat(bob.messages).filteredOn(m -> m.contains("\"type\":\"chat\"") && m.contains("spam")).hasSize(3);
        assertThat(ann.messages).filteredOn(m -> m.contains("\"code\":\"rate-limited\"")).hasSize(2);
        assertThat(ann.got("\"text\":\"hello\"")).as("others still chat").isTrue();
    }

    @Test
    void aChatWaitingOnTheDatabaseDoesNotHoldTheRoom() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch storing = new CountDownLatch(1);
        ChatLog slow = new ChatLog() {
            @Override
            public Entry store(String meetingId, String participantId, String name, String text, Instant at) {
                storing.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Entry(1, participantId, name, text, at);
            }

            @Override
            public List<Entry> after(String meetingId, long lastId) {
                return List.of();
            }
        };
        ControlRoom room = room(false, RoomLimits.DEFAULT, slow, effects);
        Sink host = new Sink();
        Sink ann = new Sink();
        room.join("h", "Hana", true, host);
        room.join("a", "Ann", false, ann);

        CompletableFuture<Void> chat = CompletableFuture.runAsync(() -> room.chat("a", "stuck in the database"));
        assertThat(storing.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> others = CompletableFuture.runAsync(() -> {
            room.mute("h", "a", "audio", true);
            room.join("b", "Bob", false, new Sink());
        });

        others.get(2, TimeUnit.SECONDS); // would time out if the chat held the room's lock
        assertThat(host.got("\"event\":\"joined\"")).isTrue();
        assertThat(chat).isNotDone();
        release.countDown();
        chat.get(5, TimeUnit.SECONDS);
        assertThat(host.got("stuck in the database")).isTrue();
    }

    @Test
    void departuresAreBoundedAndExpire() {
        MutableClock moving = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
        LocalDepartures departures = new LocalDepartures(Duration.ofMinutes(10), 50, moving);
        for (int i = 0; i < 1000; i++) {
            departures.record("p" + i, Optional.empty(), Departures.Kind.LEFT);
        }
        assertThat(departures.size()).isEqualTo(50);
        assertThat(departures.of("p999", Optional.empty())).contains(Departures.Kind.LEFT);
        moving.set(moving.instant().plus(Duration.ofMinutes(11)));
        assertThat(departures.size()).isZero();
    }

    private static String field(String json, String name) {
        int start = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }
}
