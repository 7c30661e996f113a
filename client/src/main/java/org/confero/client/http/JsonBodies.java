package org.confero.client.http;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reading the server's JSON answers; anything malformed becomes an {@link IOException}, never a runtime surprise. */
public final class JsonBodies {

    private static final String PROBLEM_TYPE_UNKNOWN = "about:blank";

    private JsonBodies() {
    }

    public static JsonObject parse(String text) throws IOException {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IOException("not a JSON object: " + e.getMessage(), e);
        }
    }

    /** The body of a 2xx answer as JSON; any other status as a {@link ProblemException}. */
    public static JsonObject successOrProblem(HttpResponse<String> response) throws IOException {
        if (response.statusCode() / 100 == 2) {
            return parse(response.body());
        }
        throw problem(response);
    }

    static ProblemException problem(HttpResponse<String> response) {
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (contentType.startsWith("application/problem+json")) {
            try {
                JsonObject problem = parse(response.body());
                return new ProblemException(response.statusCode(), problem.getString("type", PROBLEM_TYPE_UNKNOWN),
                        problem.getString("detail", null));
            } catch (IOException | ClassCastException e) {
                // A broken problem document still says the request failed; fall through to the status alone.
            }
        }
        return new ProblemException(response.statusCode(), PROBLEM_TYPE_UNKNOWN, "HTTP " + response.statusCode());
    }

    public static String string(JsonObject object, String name) throws IOException {
        JsonValue value = object.get(name);
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw new IOException("missing text field '" + name + "'");
    }

    public static String optionalString(JsonObject object, String name) {
        return object.get(name) instanceof JsonString text ? text.getString() : null;
    }

    public static Instant optionalInstant(JsonObject object, String name) throws IOException {
        String text = optionalString(object, name);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IOException("field '" + name + "' is not an instant: " + text, e);
        }
    }

    public static List<String> strings(JsonObject object, String name) {
        return object.containsKey(name) && object.get(name).getValueType() == JsonValue.ValueType.ARRAY
                ? object.getJsonArray(name).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()
                : List.of();
    }
}
