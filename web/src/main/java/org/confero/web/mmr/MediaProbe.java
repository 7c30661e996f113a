package org.confero.web.mmr;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

import java.io.StringReader;
import java.time.Duration;
import java.util.Optional;

/**
 * Issue 22: the round-trip probe of a bound media WebSocket. The client sends {@code {"type":"probe","id":N}} (N an
 * integer from 0 to 2^53 - 1, safe in JavaScript) as a text frame; the router answers {@code {"type":"probe","id":N}}
 * on the same connection, so the client times the round trip of this media path (through an HTTP tunnel too, which
 * relays text frames). Cheap and no amplifier: only on a bound connection, an answer never longer than the probe, and
 * at most one answer per {@link #MIN_INTERVAL} per connection — faster probes are ignored, not answered. One instance
 * per connection; called on its message thread.
 */
final class MediaProbe {

    static final Duration MIN_INTERVAL = Duration.ofMillis(200);
    static final long MAX_ID = (1L << 53) - 1;

    private long lastAnswerNanos;
    private boolean answered;

    /** Whether {@code text} is a probe at all (answered or not); anything else is not for this class. */
    static Optional<Long> probeId(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject json = reader.readObject();
            if (json.size() != 2 || !(json.get("type") instanceof JsonString type) || !"probe".equals(type.getString())
                    || !(json.get("id") instanceof JsonNumber id) || !id.isIntegral()) {
                return Optional.empty();
            }
            long value = id.longValueExact();
            return value < 0 || value > MAX_ID ? Optional.empty() : Optional.of(value);
        } catch (JsonException | IllegalStateException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** The answer to send for a probe of {@code request}'s length at {@code nowNanos}; empty: send nothing. */
    Optional<String> answer(long id, int requestLength, long nowNanos) {
        if (answered && nowNanos - lastAnswerNanos < MIN_INTERVAL.toNanos()) {
            return Optional.empty();
        }
        String answer = "{\"type\":\"probe\",\"id\":" + id + "}";
        if (answer.length() > requestLength) {
            return Optional.empty();
        }
        answered = true;
        lastAnswerNanos = nowNanos;
        return Optional.of(answer);
    }
}
