package org.confero.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.util.Objects;
import java.util.Optional;

/** One participant of a room, as the roster shows it. Mutable; guarded by its room's lock. */
final class Participant {

    enum State {
        WAITING, IN_MEETING, RECONNECTING
    }

    final String id;
    final String name;
    final boolean host;
    final String sessionId;
    final String resumeToken;
    /** The signed-in user this participant is, or empty for a guest. */
    final Optional<String> account;
    State state;
    boolean audioMuted;
    boolean videoMuted;
    boolean mediaLost;
    ControlSink sink;
    long disconnectedAtNanos;
    /** Created at the first chat message. */
    ChatRate chatRate;
    /** Issue 23: a webinar panelist (on stage, sends), by its join token or a host's promotion; hosts are not. */
    boolean panelist;
    /** Issue 23: the stage pass a promotion issued (or the rejoin presented), revoked by a demotion. */
    Optional<String> stagePass = Optional.empty();
    /** Issue 23: a webinar attendee's raised hand (one per participant, so bounded with the room). */
    boolean handRaised;
    /** Issue 23: created at the first question or hand. */
    ChatRate questionRate;
    ChatRate handRate;

    Participant(String id, String name, boolean host, Optional<String> account, String sessionId, String resumeToken,
            State state, boolean audioMuted, ControlSink sink) {
        this.id = Objects.requireNonNull(id);
        this.name = Objects.requireNonNull(name);
        this.host = host;
        this.account = Objects.requireNonNull(account);
        this.sessionId = sessionId;
        this.resumeToken = resumeToken;
        this.state = state;
        this.audioMuted = audioMuted;
        this.sink = sink;
    }

    /** {@code host}, {@code panelist} (webinars) or {@code attendee}. */
    String role() {
        return host ? "host" : panelist ? "panelist" : "attendee";
    }

    JsonObject view() {
        return Json.createObjectBuilder().add("id", id).add("name", name).add("role", role())
                .add("state", state.name().toLowerCase(java.util.Locale.ROOT)).add("audioMuted", audioMuted)
                .add("videoMuted", videoMuted).add("mediaLost", mediaLost).build();
    }
}
