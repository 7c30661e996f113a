package org.confero.web.tunnel;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A text message a tunnel client sends, parsed. {@link #parse} never throws: anything it cannot accept becomes an
 * {@link Invalid} that says why (and names the id, when there was one, so the client can match the error).
 */
public sealed interface TunnelMessage {

    /** Request bodies larger than this (UTF-8 bytes) are answered with a 413 problem, not sent upstream. */
    int MAX_BODY_BYTES = 256 * 1024;
    /** The request headers a tunnel forwards upstream; everything else is left out. */
    Set<String> FORWARDED_HEADERS = Set.of("content-type", "accept", "x-confero-passcode");

    record Hello(String joinToken) implements TunnelMessage {
    }

    /** An HTTP exchange; {@code headers} holds only {@link #FORWARDED_HEADERS}, {@code body} is empty for GET. */
    record Request(int id, String method, String url, Map<String, String> headers, Optional<String> body)
            implements TunnelMessage {
    }

    /** A request whose body is over {@link #MAX_BODY_BYTES}. */
    record TooLarge(int id) implements TunnelMessage {
    }

    record Open(int id, String url) implements TunnelMessage {
    }

    record Text(int id, String data) implements TunnelMessage {
    }

    record Close(int id) implements TunnelMessage {
    }

    record Invalid(Optional<Integer> id, String reason) implements TunnelMessage {
    }

    static TunnelMessage parse(String text) {
        JsonObject message;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            message = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return new Invalid(Optional.empty(), "not a JSON object");
        }
        String type = string(message, "type");
        if (type == null) {
            return new Invalid(Optional.empty(), "a message needs a type");
        }
        if (type.equals("hello")) {
            String token = string(message, "joinToken");
            return token == null ? new Invalid(Optional.empty(), "hello needs a joinToken") : new Hello(token);
        }
        Optional<Integer> id = id(message);
        if (id.isEmpty()) {
            return switch (type) {
            case "request", "open", "text", "close" -> new Invalid(id, type + " needs an id (0 to 2^31-1)");
            default -> new Invalid(id, "unknown message type '" + abbreviate(type) + "'");
            };
        }
        int n = id.get();
        return switch (type) {
        case "request" -> request(n, message);
        case "open" -> {
            String url = string(message, "url");
            yield url == null ? new Invalid(id, "open needs a url") : new Open(n, url);
        }
        case "text" -> {
            String data = string(message, "data");
            yield data == null ? new Invalid(id, "text needs data") : new Text(n, data);
        }
        case "close" -> new Close(n);
        default -> new Invalid(id, "unknown message type '" + abbreviate(type) + "'");
        };
    }

    private static TunnelMessage request(int id, JsonObject message) {
        Optional<Integer> named = Optional.of(id);
        String method = string(message, "method");
        if (!"GET".equals(method) && !"POST".equals(method)) {
            return new Invalid(named, "method must be GET or POST");
        }
        String url = string(message, "url");
        if (url == null) {
            return new Invalid(named, "request needs a url");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonValue given = message.get("headers");
        if (given != null && given != JsonValue.NULL) {
            if (!(given instanceof JsonObject object)) {
                return new Invalid(named, "headers must be an object of strings");
            }
            for (Map.Entry<String, JsonValue> header : object.entrySet()) {
                if (!(header.getValue() instanceof JsonString value) || !headerValue(value.getString())) {
                    return new Invalid(named, "header values are strings of visible characters");
                }
                if (FORWARDED_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    headers.put(header.getKey(), value.getString());
                }
            }
        }
        JsonValue body = message.get("body");
        if (body != null && body != JsonValue.NULL && !(body instanceof JsonString)) {
            return new Invalid(named, "body must be a string");
        }
        Optional<String> text = Optional.ofNullable(body instanceof JsonString s ? s.getString() : null)
                .filter(b -> method.equals("POST"));
        if (text.isPresent() && utf8Length(text.get()) > MAX_BODY_BYTES) {
            return new TooLarge(id);
        }
        return new Request(id, method, url, headers, text);
    }

    private static Optional<Integer> id(JsonObject message) {
        if (message.get("id") instanceof JsonNumber number && number.isIntegral()) {
            try {
                int id = number.intValueExact();
                return id >= 0 ? Optional.of(id) : Optional.empty();
            } catch (ArithmeticException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String string(JsonObject message, String name) {
        return message.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static boolean headerValue(String value) {
        if (value.length() > 2048) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static long utf8Length(String text) {
        // Cheap bound first: no string of n chars is longer than 3n bytes in UTF-8.
        return text.length() * 3L <= MAX_BODY_BYTES ? text.length() : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
