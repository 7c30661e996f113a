package org.confero.web.socket;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.Optional;

/** Text frames of Confero's WebSockets: each one JSON object, anything else refused without an exception. */
public final class JsonFrames {

    private JsonFrames() {
    }

    /** The frame as a JSON object, or empty for malformed JSON or a value that is not an object. */
    public static Optional<JsonObject> object(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? Optional.of(object) : Optional.empty();
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
