package org.confero.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.confero.control.ControlRoomTest.Sink;
import org.junit.jupiter.api.Test;

/**
 * One meeting on two routers: each router's room mirrors into one shared seat map and hands its events to the other
 * router's room — what the replicated caches do in the cluster.
 */
class RoomsAcrossRoutersTest {

    private final Clock clock = Clock.systemUTC();
    private final Map<String, SeatRecord> seats = new LinkedHashMap<>();
    private final Map<String, ControlRoom> routers = new LinkedHashMap<>();
    private final List<ChatLog.Entry> chat = new ArrayList<>();

    private final ChatLog chatLog = new ChatLog() {
        @Override
        public Entry store(String meetingId, String participantId, String name, String text, Instant at) {
            Entry entry = new Entry(chat.size() + 1, participantId, name, text, at);
            chat.add(entry);
            return entry;
        }

        @Override
        public List<Entry> after(String meetingId, long lastId) {
            return chat.stream().filter(e -> e.id() > lastId).toList();
        }
    };

    private final ControlRoom.Effects effects = new ControlRoom.Effects() {
        @Override
        public void revokeMedia(String meetingId, String participantId) {
        }

        @Override
        public void meetingEnded(String meetingId) {
        }
    };

    /** The meetings each account is seated in, over all routers: what the presence cache adds up. */
    private final Map<String, Integer> seatedCount = new LinkedHashMap<>();
    private final SeatedAccounts.Attendance presence = new SeatedAccounts.Attendance() {
        @Override
        public void seated(String account) {
            seatedCount.merge(account, 1, Integer::sum);
        }

        @Override
        public void unseated(String account) {
            seatedCount.merge(account, -1, Integer::sum);
        }
    };

    private ControlRoom router(String node) {
        return router(node, false, Duration.ofSeconds(30));
    }

    private ControlRoom router(String node, boolean waitingRoom, Duration grace) {
        return router(node, waitingRoom, grace, ControlRoom.Webinar.NONE);
    }

    private ControlRoom router(String node, boolean waitingRoom, Duration grace, ControlRoom.Webinar webinar) {
        RoomMirror shared = new RoomMirror() {
            @Override
            public void seat(SeatRecord seat) {
                seats.put(seat.key(), seat.on(node, clock.instant()));
            }

            @Override
            public boolean vacate(String participantId) {
                SeatRecord held = seats.get(SeatRecord.key("m", participantId));
                if (held != null && !held.node().equals(node)) {
                    return false;
                }
                seats.remove(SeatRecord.key("m", participantId));
                return true;
            }

            @Override
            public void publish(String json) {
                routers.forEach((other, room) -> {
                    if (!other.equals(node)) {
                        room.remoteEvent(json);
                    }
                });
            }

            @Override
            public List<SeatRecord> elsewhere() {
                return seats.values().stream().filter(s -> !s.node().equals(node)).toList();
            }
        };
        ControlRoom room = new ControlRoom("m", waitingRoom, false, grace, clock, effects,
                new PresenceMirror(shared, "m", new SeatedAccounts(presence)), chatLog, RoomLimits.DEFAULT,
                new LocalDepartures(Duration.ofHours(1), 100, clock), webinar);
        routers.put(node, room);
        return room;
    }

    @Test
    void aWebinarOnTwoRoutersListsTheStageOnlyCountsEveryAttendeeAndKeepsAPanelistOnResume() {
        ControlRoom.Webinar twoAttendees = new ControlRoom.Webinar(true, 2);
        ControlRoom a = router("mmr-a", false, Duration.ofSeconds(30), twoAttendees);
        ControlRoom b = router("mmr-b", false, Duration.ofSeconds(30), twoAttendees);
        Sink hana = new Sink();
        Sink pete = new Sink();
        Sink ann = new Sink();
        Sink bob = new Sink();
        Sink cy = new Sink();
        a.join("p-hana", "Hana", true, false, Optional.empty(), hana);
        b.join("p-pete", "Pete", false, true, Optional.empty(), pete);
        b.join("p-ann", "Ann", false, false, Optional.empty(), ann);
        a.join("p-bob", "Bob", false, false, Optional.empty(), bob);
        a.join("p-cy", "Cy", false, false, Optional.empty(), cy);

        assertThat(a.roster()).extracting(p -> p.getString("name") + " " + p.getString("role"))
                .containsExactly("Hana host", "Pete panelist");
        assertThat(b.roster()).extracting(p -> p.getString("name")).containsExactly("Pete", "Hana");
        assertThat(cy.messages).singleElement().asString().as("Ann on the other router counts")
                .contains("webinar-full");
        assertThat(bob.messages.get(0)).contains("\"attendeeCount\":2");

        // Router b dies; Pete resumes his seat on router a and is still on stage.
        String welcome = pete.messages.get(0);
        routers.remove("mmr-b");
        Sink peteAgain = new Sink();
        assertThat(a.adopt(seats.get(SeatRecord.key("m", "p-pete")), value(welcome, "resumeToken"), peteAgain))
                .isTrue();
        assertThat(peteAgain.messages.get(0)).contains("\"role\":\"panelist\"").contains("\"canSend\":true");
    }

    @Test
    void participantsOnDifferentRoutersSeeEachOtherAndChat() {
        ControlRoom a = router("mmr-a");
        ControlRoom b = router("mmr-b");
        Sink ann = new Sink();
        Sink bob = new Sink();

        a.join("p-ann", "Ann", true, ann);
        b.join("p-bob", "Bob", false, bob);
        assertThat(bob.messages.get(0)).as("Bob's welcome lists Ann, who is on the other router").contains("\"Ann\"");
        assertThat(ann.got("\"event\":\"joined\"")).as("Ann hears Bob join on the other router").isTrue();
        assertThat(a.roster()).extracting(p -> p.getString("name")).containsExactly("Ann", "Bob");

        b.chat("p-bob", "hello across");
        assertThat(ann.got("\"id\":1")).isTrue();
        assertThat(ann.got("hello across")).isTrue();
        assertThat(bob.got("hello across")).as("the sender sees its own message with its id").isTrue();

        b.leave("p-bob");
        assertThat(ann.got("\"event\":\"left\"")).isTrue();
        assertThat(a.roster()).extracting(p -> p.getString("name")).containsExactly("Ann");
    }

    @Test
    void aSeatOfADeadRouterResumesOnAnotherWithTheChatItMissed() {
        ControlRoom a = router("mmr-a");
        ControlRoom b = router("mmr-b");
        Sink ann = new Sink();
        Sink bob = new Sink();
        a.join("p-ann", "Ann", true, ann);
        b.join("p-bob", "Bob", false, bob);
        String welcome = bob.messages.get(0);
        String sessionId = value(welcome, "sessionId");
        String resumeToken = value(welcome, "resumeToken");
        a.chat("p-ann", "before the crash");
        routers.remove("mmr-b"); // the router dies: no more events, its seat stays in the replicated map
        a.chat("p-ann", "while Bob moves");

        SeatRecord seat = seats.get(SeatRecord.key("m", "p-bob"));
        assertThat(seat.matches(sessionId, "forged")).isFalse();
        assertThat(seat.matches(sessionId, resumeToken)).isTrue();
        Sink bobAgain = new Sink();
        assertThat(a.adopt(seat, resumeToken, bobAgain)).isTrue();
        a.replayChat(bobAgain, 1);

        assertThat(bobAgain.messages.get(0)).contains("\"type\":\"resumed\"").contains("p-bob");
        assertThat(bobAgain.messages).filteredOn(m -> m.contains("\"type\":\"chat\"")).hasSize(1)
                .allMatch(m -> m.contains("while Bob moves"));
        assertThat(seats.get(SeatRecord.key("m", "p-bob")).node()).isEqualTo("mmr-a");
        assertThat(a.roster()).extracting(p -> p.getString("name")).containsExactly("Ann", "Bob");
        a.chat("p-ann", "welcome back");
        assertThat(bobAgain.got("welcome back")).isTrue();
    }

    @Test
    void theEndOnOneRouterEndsTheMeetingOnTheOthers() {
        ControlRoom a = router("mmr-a");
        ControlRoom b = router("mmr-b");
        Sink ann = new Sink();
        Sink bob = new Sink();
        a.join("p-ann", "Ann", true, ann);
        b.join("p-bob", "Bob", false, bob);

        a.end("p-ann");

        assertThat(bob.got("\"type\":\"ended\"")).isTrue();
        assertThat(bob.closed).isEqualTo("meeting ended");
        assertThat(b.isEnded()).isTrue();
        assertThat(seats).isEmpty();
    }

    @Test
    void aSignedInParticipantIsInAMeetingFromAdmissionUntilItLeavesGuestsAreNotCounted() {
        ControlRoom a = router("mmr-a", true, Duration.ofSeconds(30));
        Sink ann = new Sink();
        Sink bob = new Sink();
        Sink guest = new Sink();

        a.join("p-ann", "Ann", true, Optional.of("ann"), ann);
        a.join("p-bob", "Bob", false, Optional.of("bob"), bob);
        a.join("p-guest", "Guest", false, guest);
        assertThat(seatedCount).as("Bob waits to be admitted: not in the meeting yet").containsOnly(entry("ann", 1));

        a.admit("p-ann", "p-bob");
        a.mute("p-bob", "p-bob", "audio", true);
        a.disconnected("p-bob", bob);
        assertThat(seatedCount).as("rewrites and a dropped connection in its grace period count once")
                .containsOnly(entry("ann", 1), entry("bob", 1));

        a.leave("p-bob");
        a.end("p-ann");
        assertThat(seatedCount).containsOnly(entry("ann", 0), entry("bob", 0));
    }

    @Test
    void aSeatResumedOnAnotherLiveRouterIsNotFreedWhenTheFirstOneGivesUpOnIt() {
        ControlRoom a = router("mmr-a", false, Duration.ZERO);
        ControlRoom b = router("mmr-b");
        Sink ann = new Sink();
        Sink bob = new Sink();
        b.join("p-ann", "Ann", true, ann);
        a.join("p-bob", "Bob", false, Optional.of("bob"), bob);
        String welcome = bob.messages.get(0);
        a.disconnected("p-bob", bob); // the client cannot reach mmr-a and resumes on mmr-b, which adopts the seat
        Sink bobOnB = new Sink();
        assertThat(b.adopt(seats.get(SeatRecord.key("m", "p-bob")), value(welcome, "resumeToken"), bobOnB)).isTrue();
        assertThat(seatedCount).as("counted by both routers until mmr-a gives up").containsOnly(entry("bob", 2));
        int heardBefore = ann.messages.size();

        a.expireReconnecting();

        assertThat(seats.get(SeatRecord.key("m", "p-bob")).node()).isEqualTo("mmr-b");
        assertThat(ann.messages.subList(heardBefore, ann.messages.size())).as("Bob did not leave")
                .noneMatch(m -> m.contains("\"event\":\"left\""));
        assertThat(b.roster()).extracting(p -> p.getString("name")).containsExactly("Ann", "Bob");
        assertThat(seatedCount).containsOnly(entry("bob", 1));
    }

    /**
     * Issue 23: the Q&A and raised hands of a webinar on two routers. A question asked on router b reaches the host on
     * a (and the stage of b), with an id that routers a and b do not both give; a private answer from a reaches the
     * asker on b and no other attendee; a public one every attendee on both; a hand raised on b reaches the host on a,
     * and a panelist joining on a later sees it and the open questions of both routers.
     */
    @Test
    void questionsAnswersAndHandsOfAWebinarCrossRouters() {
        ControlRoom a = router("mmr-a", false, Duration.ofSeconds(30), ControlRoom.Webinar.spanningRouters(10));
        ControlRoom b = router("mmr-b", false, Duration.ofSeconds(30), ControlRoom.Webinar.spanningRouters(10));
        Sink hana = new Sink();
        Sink bob = new Sink();
        Sink ann = new Sink();
        Sink pete = new Sink();
        a.join("p-hana", "Hana", true, false, Optional.empty(), hana);
        a.join("p-bob", "Bob", false, false, Optional.empty(), bob);
        b.join("p-ann", "Ann", false, false, Optional.empty(), ann);
        b.join("p-pete", "Pete", false, true, Optional.empty(), pete);

        b.flushAudience(); // the count is told at most once a second: the timers' next ticks, b then a
        a.flushAudience();
        assertThat(hana.messages.stream().filter(m -> m.contains("\"type\":\"attendees\"")).toList()).last().asString()
                .as("Ann, who joined on b, counts at a").contains("\"count\":2");

        b.ask("p-ann", "Is this recorded?");
        String atHost = only(hana, "question");
        assertThat(atHost).contains("Is this recorded?").contains("\"from\":\"p-ann\"");
        assertThat(only(pete, "question")).isEqualTo(atHost);
        assertThat(bob.got("Is this recorded?")).as("another attendee does not see the question").isFalse();
        long fromB = number(atHost, "id");
        a.ask("p-bob", "Slides?");
        long fromA = number(hana.messages.stream().filter(m -> m.contains("Slides?")).findFirst().orElseThrow(), "id");
        assertThat(fromA).as("ids of both routers' questions differ").isNotEqualTo(fromB);
        assertThat(pete.got("Slides?")).as("the stage on b gets a's question").isTrue();

        a.answer("p-hana", fromB, "Yes.", false);
        assertThat(only(ann, "answer")).contains("\"text\":\"Yes.\"").contains("\"public\":false");
        assertThat(pete.got("\"text\":\"Yes.\"")).as("the stage on b sees the private answer").isTrue();
        assertThat(bob.got("\"text\":\"Yes.\"")).as("a private answer is the asker's").isFalse();

        b.answer("p-pete", fromA, "After the talk.", true);
        for (Sink everyone : List.of(hana, bob, ann)) {
            assertThat(everyone.got("After the talk.")).isTrue();
        }
        assertThat(a.roster()).extracting(p -> p.getString("name")).containsExactly("Hana", "Pete");

        b.raiseHand("p-ann", true);
        assertThat(only(hana, "hand")).contains("\"participantId\":\"p-ann\"").contains("\"raised\":true");
        assertThat(bob.got("\"type\":\"hand\"")).isFalse();
        Sink paula = new Sink();
        a.join("p-paula", "Paula", false, true, Optional.empty(), paula);
        String welcome = paula.messages.get(0);
        assertThat(welcome).as("hands of the other router").contains("\"hands\":[{\"participantId\":\"p-ann\"");
        assertThat(welcome).as("every question is answered").contains("\"questions\":[]");

        b.raiseHand("p-ann", false);
        assertThat(hana.messages.stream().filter(m -> m.contains("\"type\":\"hand\"")).toList()).last().asString()
                .contains("\"raised\":false");
        for (Sink any : List.of(hana, bob, ann, pete, paula)) {
            assertThat(any.messages).as("router-to-router events never reach a client")
                    .noneMatch(m -> m.contains("\"type\":\"~"));
        }
    }

    /**
     * Issue 23: a host promotes and demotes an attendee another router holds: the holding router changes the role, the
     * attendee gets its role message there, the host sees it join and leave the stage; a non-host cannot.
     */
    @Test
    void aHostPromotesAndDemotesAnAttendeeOnAnotherRouter() {
        ControlRoom a = router("mmr-a", false, Duration.ofSeconds(30), ControlRoom.Webinar.spanningRouters(10));
        ControlRoom b = router("mmr-b", false, Duration.ofSeconds(30), ControlRoom.Webinar.spanningRouters(10));
        Sink hana = new Sink();
        Sink bob = new Sink();
        Sink ann = new Sink();
        a.join("p-hana", "Hana", true, false, Optional.empty(), hana);
        a.join("p-bob", "Bob", false, false, Optional.empty(), bob);
        b.join("p-ann", "Ann", false, false, Optional.empty(), ann);

        a.promote("p-bob", "p-ann");
        assertThat(only(bob, "error")).contains("forbidden");
        assertThat(ann.got("\"type\":\"role\"")).as("only a host promotes").isFalse();

        a.promote("p-hana", "p-ann");
        assertThat(only(ann, "role")).contains("\"role\":\"panelist\"").contains("\"canSend\":true");
        assertThat(hana.got("\"event\":\"joined\"")).as("the host sees Ann join the stage").isTrue();
        assertThat(a.roster()).extracting(p -> p.getString("name")).containsExactly("Hana", "Ann");

        a.promote("p-hana", "p-ann");
        assertThat(hana.messages).last().asString().contains("conflict").contains("Ann is not an attendee");

        a.demote("p-hana", "p-ann");
        assertThat(ann.messages).last().asString().contains("\"type\":\"role\"").contains("\"role\":\"attendee\"")
                .contains("\"canSend\":false");
        assertThat(a.roster()).extracting(p -> p.getString("name")).containsExactly("Hana");
        assertThat(hana.got("\"event\":\"left\"")).isTrue();
    }

    private static String only(Sink sink, String type) {
        List<String> of = sink.messages.stream().filter(m -> m.contains("\"type\":\"" + type + "\"")).toList();
        assertThat(of).as(type + " messages").hasSize(1);
        return of.get(0);
    }

    private static long number(String json, String name) {
        return jakarta.json.Json.createReader(new java.io.StringReader(json)).readObject().getJsonNumber(name)
                .longValue();
    }

    private static String value(String json, String name) {
        return jakarta.json.Json.createReader(new java.io.StringReader(json)).readObject().getString(name);
    }
}
