package org.confero.quality;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.confero.protocol.rest.ParticipantsView.MediaQualityView;
import org.confero.protocol.rest.ParticipantsView.ParticipantView;

/**
 * One participant's row of the participants view as its router publishes it in the replicated {@code participants}
 * cache (issue 22), so that any server answers for the whole meeting. Keyed by the meeting and the participant id the
 * router gave the connection — server state, never a client's field. {@code publishedAt} lets readers ignore the row of
 * a router that stopped publishing before the cache expires it.
 */
public record ParticipantRecord(String meetingId, ParticipantView row, Instant publishedAt) {

    static String key(String meetingId, String participantId) {
        return prefix(meetingId) + participantId;
    }

    /** Every key of the meeting starts with this, and no key of another meeting does (ids contain no '/'). */
    static String prefix(String meetingId) {
        return meetingId + "/";
    }

    String key() {
        return key(meetingId, row.id());
    }

    String encode() {
        JsonObjectBuilder media = Json.createObjectBuilder();
        row.media().forEach((type, q) -> {
            JsonObjectBuilder one = Json.createObjectBuilder().add("transport", q.transport());
            optional(one, "loss", q.loss());
            optional(one, "jitterMs", q.jitterMs());
            optional(one, "rttMs", q.rttMs());
            media.add(type, one);
        });
        JsonObjectBuilder json = Json.createObjectBuilder().add("meetingId", meetingId).add("id", row.id())
                .add("name", row.name()).add("router", row.router()).add("zone", row.zone())
                .add("clientKind", row.clientKind()).add("transport", row.transport()).add("media", media)
                .add("publishedAt", publishedAt.toString());
        if (row.reportedAt() != null) {
            json.add("reportedAt", row.reportedAt().toString());
        }
        return json.build().toString();
    }

    /** Empty for anything unreadable (another version's record, a damaged entry): skipped, never fatal. */
    static Optional<ParticipantRecord> decode(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject json = reader.readObject();
            Map<String, MediaQualityView> media = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> entry : json.getJsonObject("media").entrySet()) {
                JsonObject q = entry.getValue().asJsonObject();
                media.put(entry.getKey(), new MediaQualityView(q.getString("transport"), number(q, "loss"),
                        number(q, "jitterMs"), number(q, "rttMs")));
            }
            Instant reportedAt = json.get("reportedAt") instanceof JsonString s ? Instant.parse(s.getString()) : null;
            ParticipantView row = new ParticipantView(json.getString("id"), json.getString("name"),
                    json.getString("router"), json.getString("zone"), json.getString("clientKind"),
                    json.getString("transport"), media, reportedAt);
            return Optional.of(new ParticipantRecord(json.getString("meetingId"), row,
                    Instant.parse(json.getString("publishedAt"))));
        } catch (JsonException | IllegalStateException | ClassCastException | NullPointerException
                | DateTimeException e) {
            return Optional.empty();
        }
    }

    private static void optional(JsonObjectBuilder builder, String name, Double value) {
        if (value != null) {
            builder.add(name, value);
        }
    }

    private static Double number(JsonObject json, String name) {
        return json.get(name) instanceof JsonNumber n ? n.doubleValue() : null;
    }
}
