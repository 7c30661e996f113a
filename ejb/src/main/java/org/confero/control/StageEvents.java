package org.confero.control;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.time.Instant;
import java.util.Optional;

/**
 * Issue 23: a webinar's Q&A, raised hands, attendee count changes and a host's promotions and demotions between the
 * routers it spans, through the same replicated {@code room-events} as roster and chat. Their types start with
 * {@code ~}: they are for rooms, never for clients (a room turns them into the client messages {@code question},
 * {@code answer} and {@code hand} for whom they concern). Only servers write room events; no client text can start one
 * (every client string is a JSON value inside them).
 */
final class StageEvents {

    static final String QUESTION = "~question";
    static final String ANSWER = "~answer";
    static final String HAND = "~hand";
    /** The attendee count changed on the sending router: recount (from the replicated seats) and tell. */
    static final String AUDIENCE = "~audience";
    /** A host on the sending router promotes or demotes a participant the receiving router may hold. */
    static final String ROLE = "~role";
    private static final String PREFIX = "{\"type\":\"~";

    private StageEvents() {
    }

    /** True when a room event is one of these (cheap: no parsing for roster and chat events). */
    static boolean isStageEvent(String json) {
        return json.startsWith(PREFIX);
    }

    static Optional<JsonObject> parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return Optional.of(reader.readObject());
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    static String question(QuestionBoard.Question q) {
        return Json.createObjectBuilder().add("type", QUESTION).add("id", q.id).add("from", q.askerId)
                .add("name", q.askerName).add("text", q.text).add("at", q.at.toString()).build().toString();
    }

    static Optional<QuestionBoard.Question> readQuestion(JsonObject event) {
        try {
            return Optional
                    .of(new QuestionBoard.Question(event.getJsonNumber("id").longValueExact(), event.getString("from"),
                            event.getString("name"), event.getString("text"), Instant.parse(event.getString("at"))));
        } catch (RuntimeException e) { // ClassCast, NullPointer, Arithmetic, DateTimeParse: not one of ours
            return Optional.empty();
        }
    }

    /** An answer given on another router: the client message as it was sent there, and to whom it goes. */
    static String answer(long questionId, String askerId, boolean publicly, String message) {
        return Json.createObjectBuilder().add("type", ANSWER).add("questionId", questionId).add("askerId", askerId)
                .add("public", publicly).add("message", message).build().toString();
    }

    static String role(String participantId, boolean promote) {
        return Json.createObjectBuilder().add("type", ROLE).add("participantId", participantId).add("promote", promote)
                .build().toString();
    }

    static String audience() {
        return Json.createObjectBuilder().add("type", AUDIENCE).build().toString();
    }

    static String hand(String participantId, String name, boolean raised) {
        return Json.createObjectBuilder().add("type", HAND).add("participantId", participantId).add("name", name)
                .add("raised", raised).build().toString();
    }
}
