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
        return successOrProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    /** The same for an answer that did not come over HTTP itself (through an HTTP tunnel). */
    public static JsonObject successOrProblem(int status, String contentType, String body) throws IOException {
        if (status / 100 == 2) {
            return parse(body);
        }
        throw problem(status, contentType, body);
    }

    static ProblemException problem(int status, String contentType, String body) {
        if (contentType.startsWith("application/problem+json")) {
            try {
                JsonObject problem = parse(body);
                return new ProblemException(status, problem.getString("type", PROBLEM_TYPE_UNKNOWN),
                        problem.getString("detail", null));
            } catch (IOException | ClassCastException e) {
                // A broken problem document still says the request failed; fall through to the status alone.
            }
        }
        return new ProblemException(status, PROBLEM_TYPE_UNKNOWN, "HTTP " + status);
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
