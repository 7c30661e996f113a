package org.confero.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.confero.control.ControlRoomTest.Sink;
import org.confero.protocol.media.MediaCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 23: a webinar's control room. Roles come from the join (token) and the host's decisions only; attendees are
 * counted, not listed, get receive-only credentials, raise hands and ask questions that reach the stage only.
 */
@Timeout(10)
class WebinarRoomTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T09:00:00Z"), java.time.ZoneOffset.UTC);
    /** Each grant as the relay would issue it: participant and whether receive-only. */
    private final List<String> grants = new ArrayList<>();
    private final List<String> revoked = new ArrayList<>();
    private final ControlRoom.Effects effects = new ControlRoom.Effects() {
        @Override
        public void revokeMedia(String meetingId, String participantId) {
            revoked.add(participantId);
            grants.add("revoked " + participantId);
        }

        @Override
        public void meetingEnded(String meetingId) {
        }

        @Override
        public Optional<MediaGrant> grantMedia(String meetingId, String participantId, boolean receiveOnly) {
            String kind = receiveOnly ? "receive-only" : "sender";
            grants.add(participantId + " " + kind);
            return Optional.of(new MediaGrant(Map.of("audio", new MediaCredentials(kind + "-" + participantId, "pw")),
                    clock.instant().plusSeconds(300)));
        }
    };

    /** Chat is not what these tests look at. */
    private static final ChatLog NO_CHAT = new ChatLog() {
        @Override
        public Entry store(String meetingId, String participantId, String name, String text, Instant at) {
            return new Entry(1, participantId, name, text, at);
        }

        @Override
        public List<Entry> after(String meetingId, long lastId) {
            return List.of();
        }
    };

    private ControlRoom webinar(int maxAttendees) {
        return new ControlRoom("w", false, false, Duration.ofSeconds(30), clock, effects, RoomMirror.NONE, NO_CHAT,
                RoomLimits.DEFAULT, new LocalDepartures(Duration.ofHours(1), 100, clock),
                new ControlRoom.Webinar(true, maxAttendees));
    }

    @Test
    void attendeesGetReceiveOnlyCredentialsAndAreCountedNotListed() {
        ControlRoom room = webinar(10);
        Sink host = new Sink();
        Sink panelist = new Sink();
        Sink ann = new Sink();
        room.join("h", "Hana", true, false, Optional.empty(), host);
        room.join("p", "Pete", false, true, Optional.empty(), panelist);
        room.join("a", "Ann", false, false, Optional.empty(), ann);

        assertThat(grants).containsExactly("h sender", "p sender", "a receive-only");
        assertThat(ann.messages.get(0)).contains("\"role\":\"attendee\"").contains("\"canSend\":false")
                .contains("receive-only-a").doesNotContain("\"hands\"");
        assertThat(panelist.messages.get(0)).contains("\"role\":\"panelist\"").contains("\"canSend\":true");
        assertThat(room.roster()).extracting(p -> p.getString("id")).containsExactly("h", "p");
        assertThat(host.got("\"name\":\"Ann\"")).as("no roster event for an attendee").isFalse();
        assertThat(room.attendeeCount()).isEqualTo(1);
        assertThat(host.got("{\"type\":\"attendees\",\"count\":1}")).isTrue();
    }

    /**
     * A promoted attendee who joins again (new lookup, new participant id: not a resume) is a panelist again with the
     * stage pass its promotion issued, or by its account; a pass the server never issued, or one a demotion revoked,
     * leaves it an attendee.
     */
    @Test
    void aPromotionSurvivesARejoinByTheServerIssuedPassOrTheAccountButNotAForgedOrRevokedPass() {
        ControlRoom room = webinar(10);
        Sink host = new Sink();
        Sink ann = new Sink();
        room.join("h", "Hana", true, false, Optional.empty(), host);
        room.join("a", "Ann", false, false, Optional.empty(), ann);
        room.promote("h", "a");
        String role = ann.messages.stream().filter(m -> m.contains("\"type\":\"role\"")).findFirst().orElseThrow();
        String pass = jakarta.json.Json.createReader(new java.io.StringReader(role)).readObject()
                .getString("stagePass");
        room.leave("a");

        Sink again = new Sink();
        room.join("a2", "Ann", false, false, Optional.empty(), Optional.of(pass), again);
        assertThat(again.messages.get(0)).as("the rejoin with the pass").contains("\"role\":\"panelist\"")
                .contains("\"canSend\":true");
        assertThat(grants).contains("a2 sender");

        Sink mallory = new Sink();
        room.join("m", "Mallory", false, false, Optional.empty(), Optional.of("00" + pass.substring(2)), mallory);
        Sink claim = new Sink();
        room.join("c", "Claim", false, false, Optional.empty(), Optional.of("panelist"), claim);
        assertThat(mallory.messages.get(0)).as("a forged pass").contains("\"role\":\"attendee\"");
        assertThat(claim.messages.get(0)).as("a claim").contains("\"role\":\"attendee\"");

        room.demote("h", "a2");
        room.leave("a2");
        Sink afterDemotion = new Sink();
        room.join("a3", "Ann", false, false, Optional.empty(), Optional.of(pass), afterDemotion);
        assertThat(afterDemotion.messages.get(0)).as("demoted: the pass is revoked").contains("\"role\":\"attendee\"");

        Sink signedIn = new Sink();
        room.join("b", "Bea", false, false, Optional.of("bea@example.com"), signedIn);
        room.promote("h", "b");
        room.leave("b");
        Sink backSignedIn = new Sink();
        room.join("b2", "Bea", false, false, Optional.of("bea@example.com"), backSignedIn);
        assertThat(backSignedIn.messages.get(0)).as("by the account, without a pass").contains("\"role\":\"panelist\"");
    }

    @Test
    void pastItsCapacityAnAttendeeIsRefusedButTheStageStillGetsIn() {
        ControlRoom room = webinar(1);
        Sink first = new Sink();
        Sink second = new Sink();
        Sink panelist = new Sink();
        room.join("a1", "Ann", false, false, Optional.empty(), first);
        room.join("a2", "Bob", false, false, Optional.empty(), second);
        room.join("p", "Pete", false, true, Optional.empty(), panelist);

        assertThat(second.messages).singleElement().asString().contains("\"code\":\"webinar-full\"")
                .contains("maximum of 1 attendees");
        assertThat(second.closed).isEqualTo("webinar full");
        assertThat(panelist.messages.get(0)).contains("\"type\":\"joined\"");
        assertThat(room.attendeeCount()).isEqualTo(1);
    }

    @Test
    void questionsReachTheStageOnlyAndAnswersArePublicOrPrivate() {
        ControlRoom room = webinar(10);
        Sink host = new Sink();
        Sink panelist = new Sink();
        Sink ann = new Sink();
        Sink bob = new Sink();
        room.join("h", "Hana", true, false, Optional.empty(), host);
        room.join("p", "Pete", false, true, Optional.empty(), panelist);
        room.join("a", "Ann", false, false, Optional.empty(), ann);
        room.join("b", "Bob", false, false, Optional.empty(), bob);

        room.ask("a", "Is it recorded?");
        room.ask("b", "When is the next one?");

        assertThat(panelist.got("Is it recorded?")).isTrue();
        assertThat(host.got("When is the next one?")).isTrue();
        assertThat(bob.got("Is it recorded?")).as("another attendee's question").isFalse();
        assertThat(ann.got("\"type\":\"question-received\",\"id\":1")).isTrue();

        room.answer("p", 1, "Yes, it is.", true);
        room.answer("p", 2, "Next month.", false);

        assertThat(bob.got("Yes, it is.")).as("public: everyone sees question and answer").isTrue();
        assertThat(bob.got("Is it recorded?")).isTrue();
        assertThat(bob.got("Next month.")).as("private: to its asker").isTrue();
        assertThat(ann.got("Next month.")).as("private: not to other attendees").isFalse();
        assertThat(host.got("Next month.")).as("the stage sees private answers").isTrue();

        room.answer("a", 1, "me too", true);
        assertThat(ann.got("only panelists and hosts answer")).isTrue();
    }

    @Test
    void handsReachTheStageAndAttendeesCannotPromoteThemselves() {
        ControlRoom room = webinar(10);
        Sink host = new Sink();
        Sink ann = new Sink();
        Sink bob = new Sink();
        room.join("h", "Hana", true, false, Optional.empty(), host);
        room.join("a", "Ann", false, false, Optional.empty(), ann);
        room.join("b", "Bob", false, false, Optional.empty(), bob);

        room.raiseHand("a", true);
        room.promote("a", "a");
        room.promote("a", "b");

        assertThat(host.got("{\"type\":\"hand\",\"participantId\":\"a\",\"name\":\"Ann\",\"raised\":true}")).isTrue();
        assertThat(bob.got("\"type\":\"hand\"")).isFalse();
        assertThat(ann.got("only a host may do that")).isTrue();
        assertThat(room.roster()).extracting(p -> p.getString("id")).containsExactly("h");
    }

    @Test
    void aPromotedAttendeeGetsSenderCredentialsLiveAndADemotedOneIsRevokedFirst() {
        ControlRoom room = webinar(10);
        Sink host = new Sink();
        Sink ann = new Sink();
        room.join("h", "Hana", true, false, Optional.empty(), host);
        room.join("a", "Ann", false, false, Optional.empty(), ann);
        grants.clear();

        room.promote("h", "a");

        assertThat(grants).containsExactly("a sender");
        assertThat(ann.got("\"type\":\"role\",\"role\":\"panelist\",\"canSend\":true")).isTrue();
        assertThat(ann.got("sender-a")).isTrue();
        assertThat(host.got("\"event\":\"joined\"")).isTrue();
        assertThat(room.roster()).extracting(p -> p.getString("id")).containsExactly("h", "a");
        assertThat(room.attendeeCount()).isZero();
        grants.clear();

        room.demote("h", "a");

        assertThat(grants).as("revoked before the receive-only grant").containsExactly("revoked a", "a receive-only");
        assertThat(ann.got("\"type\":\"role\",\"role\":\"attendee\",\"canSend\":false")).isTrue();
        assertThat(host.got("\"event\":\"left\"")).isTrue();
        assertThat(room.roster()).extracting(p -> p.getString("id")).containsExactly("h");
        assertThat(room.attendeeCount()).isEqualTo(1);
        assertThat(ann.closed).as("stays in the webinar").isNull();
    }

    @Test
    void questionsAreBoundedPerAskerAndRateLimited() {
        ControlRoom room = new ControlRoom("w", false, false, Duration.ofSeconds(30), clock, effects, RoomMirror.NONE,
                NO_CHAT, new RoomLimits(300, 15), new LocalDepartures(Duration.ofHours(1), 100, clock),
                new ControlRoom.Webinar(true, 10));
        Sink host = new Sink();
        Sink ann = new Sink();
        room.join("h", "Hana", true, false, Optional.empty(), host);
        room.join("a", "Ann", false, false, Optional.empty(), ann);

        for (int i = 0; i < 15; i++) {
            room.ask("a", "question " + i);
        }

        long delivered = host.messages.stream().filter(m -> m.contains("\"type\":\"question\"")).count();
        assertThat(delivered).isEqualTo(ControlRoom.Webinar.QUESTIONS_PER_ASKER);
        assertThat(ann.got("too-many-questions")).isTrue();
        room.ask("a", "one more");
        assertThat(ann.got("rate-limited")).as("15 a minute, all spent").isTrue();
    }

    @Test
    void aMeetingHasNoWebinarMessages() {
        ControlRoom room = new ControlRoom("m", false, false, Duration.ofSeconds(30), clock, effects, RoomMirror.NONE,
                NO_CHAT);
        Sink ann = new Sink();
        room.join("a", "Ann", false, ann);
        room.raiseHand("a", true);
        room.ask("a", "?");
        assertThat(ann.messages).filteredOn(m -> m.contains("not-a-webinar")).hasSize(2);
        assertThat(ann.messages.get(0)).doesNotContain("webinar").contains("\"role\":\"attendee\"");
    }
}
