package org.confero.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ControlRoomTest {

    private Instant now = Instant.parse("2026-11-21T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final List<String> revoked = new ArrayList<>();
    private final List<String> ended = new ArrayList<>();
    private final ControlRoom.Effects effects = new ControlRoom.Effects() {
        @Override
        public void revokeMedia(String meetingId, String participantId) {
            revoked.add(participantId);
        }

        @Override
        public void meetingEnded(String meetingId) {
            ended.add(meetingId);
        }
    };

    private final ChatLog chatLog = new ChatLog() {
        private final List<Entry> entries = new ArrayList<>();

        @Override
        public Entry store(String meetingId, String participantId, String name, String text, java.time.Instant at) {
            Entry entry = new Entry(entries.size() + 1, participantId, name, text, at);
            entries.add(entry);
            return entry;
        }

        @Override
        public List<Entry> after(String meetingId, long lastId) {
            return entries.stream().filter(e -> e.id() > lastId).toList();
        }
    };

    static final class Sink implements ControlSink {
        final List<String> messages = new ArrayList<>();
        String closed;

        @Override
        public void send(String json) {
            messages.add(json);
        }

        @Override
        public void close(String reason) {
            closed = reason;
        }

        boolean got(String fragment) {
            return messages.stream().anyMatch(m -> m.contains(fragment));
        }
    }

    @Test
    void participantsSeeEachOtherJoinChatAndLeave() {
        ControlRoom room = new ControlRoom("m", false, false, Duration.ofSeconds(30), clock, effects, RoomMirror.NONE,
                chatLog);
        Sink host = new Sink();
        Sink ann = new Sink();

        room.join("h", "Hana", true, host);
        room.join("a", "Ann", false, ann);
        room.chat("a", "hello");
        room.leave("a");

        assertThat(ann.messages.get(0)).contains("\"type\":\"joined\"").contains("\"name\":\"Hana\"");
        assertThat(host.got("\"event\":\"joined\"")).isTrue();
        assertThat(host.got("\"text\":\"hello\"")).isTrue();
        assertThat(ann.got("\"text\":\"hello\"")).as("the sender sees its own message").isTrue();
        assertThat(host.got("\"event\":\"left\"")).isTrue();
        assertThat(revoked).containsExactly("a");
    }

    @Test
    void theWaitingRoomHoldsAttendeesUntilAHostAdmitsThem() {
        ControlRoom room = new ControlRoom("m", true, true, Duration.ofSeconds(30), clock, effects, RoomMirror.NONE,
                chatLog);
        Sink host = new Sink();
        Sink ann = new Sink();
        room.join("h", "Hana", true, host);
        room.join("a", "Ann", false, ann);

        assertThat(ann.messages.get(0)).contains("\"type\":\"waiting\"");
        assertThat(host.got("\"event\":\"waiting\"")).isTrue();
        assertThat(room.roster()).hasSize(1);
        room.chat("a", "let me in");
        assertThat(host.got("let me in")).as("waiting attendees cannot chat").isFalse();

        room.admit("h", "a");

        assertThat(ann.got("\"type\":\"admitted\"")).isTrue();
        assertThat(room.roster()).hasSize(2).anySatisfy(p -> assertThat(p.getBoolean("audioMuted")).isTrue());
    }

    @Test
    void onlyHostsMuteOthersAndNeverUnmuteThem() {
        ControlRoom room = new ControlRoom("m", false, false, Duration.ofSeconds(30), clock, effects, RoomMirror.NONE,
                chatLog);
        Sink host = new Sink();
        Sink ann = new Sink();
        Sink bob = new Sink();
        room.join("h", "Hana", true, host);
        room.join("a", "Ann", false, ann);
        room.join("b", "Bob", false, bob);

        room.mute("a", "b", "audio", true);
        assertThat(ann.got("only a host may mute others")).isTrue();
        room.mute("h", "b", "audio", true);
        assertThat(bob.got("\"audioMuted\":true")).isTrue();
        room.mute("h", "b", "audio", false);
        assertThat(host.got("not unmute")).isTrue();
        room.mute("b", "b", "audio", false);
        assertThat(room.roster()).allSatisfy(p -> assertThat(p.getBoolean("audioMuted")).isFalse());
    }

    @Test
    void hostsRemoveParticipantsAndEndTheMeeting() {
        ControlRoom room = new ControlRoom("m", false, false, Duration.ofSeconds(30), clock, effects, RoomMirror.NONE,
                chatLog);
        Sink host = new Sink();
        Sink ann = new Sink();
        Sink bob = new Sink();
        room.join("h", "Hana", true, host);
        room.join("a", "Ann", false, ann);
        room.join("b", "Bob", false, bob);

        room.remove("a", "b");
        assertThat(bob.closed).isNull();
        room.remove("h", "b");
        assertThat(bob.got("\"type\":\"removed\"")).isTrue();
        assertThat(bob.closed).isEqualTo("removed by the host");
        assertThat(revoked).containsExactly("b");

        room.end("h");
        assertThat(ann.got("\"type\":\"ended\"")).isTrue();
        assertThat(ann.closed).isEqualTo("meeting ended");
        assertThat(ended).containsExactly("m");
        Sink late = new Sink();
        room.join("c", "Cy", false, late);
        assertThat(late.got("meeting-ended")).isTrue();
    }

    @Test
    void aDroppedParticipantResumesWithinTheGracePeriodOnly() {
        ControlRoom room = new ControlRoom("m", false, false, Duration.ofSeconds(30), clock, effects, RoomMirror.NONE,
                chatLog);
        Sink host = new Sink();
        Sink ann = new Sink();
        room.join("h", "Hana", true, host);
        room.join("a", "Ann", false, ann);
        String joined = ann.messages.get(0);
        String session = field(joined, "sessionId");
        String token = field(joined, "resumeToken");

        room.disconnected("a", ann);
        assertThat(host.got("\"state\":\"reconnecting\"")).isTrue();
        assertThat(room.resume("a", session, "wrong", new Sink())).isFalse();
        Sink again = new Sink();
        now = now.plusSeconds(20);
        assertThat(room.resume("a", session, token, again)).isTrue();
        assertThat(again.got("\"type\":\"resumed\"")).isTrue();

        room.disconnected("a", again);
        now = now.plusSeconds(31);
        assertThat(room.resume("a", session, token, new Sink())).as("grace period over").isFalse();
        assertThat(host.got("\"event\":\"left\"")).isTrue();
        assertThat(revoked).containsExactly("a");
    }

    @Test
    void relayEventsShowInTheRoster() {
        ControlRoom room = new ControlRoom("m", false, false, Duration.ofSeconds(30), clock, effects, RoomMirror.NONE,
                chatLog);
        Sink host = new Sink();
        room.join("h", "Hana", true, host);
        room.join("a", "Ann", false, new Sink());

        room.mediaState("a", true);
        assertThat(host.got("\"mediaLost\":true")).isTrue();
        assertThat(room.roster()).anySatisfy(p -> assertThat(p.getBoolean("mediaLost")).isTrue());
        room.mediaState("a", false);
        assertThat(room.roster()).allSatisfy(p -> assertThat(p.getBoolean("mediaLost")).isFalse());
    }

    private static String field(String json, String name) {
        int start = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }
}
