package org.confero.quality;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.confero.metrics.Instruments;
import org.confero.protocol.media.MediaType;

/**
 * One participant's quality report, checked: a known client kind, and for each media type it names, loss in [0, 1],
 * jitter and round trip in [0, 60 000] ms. Anything else is refused whole (a client may send anything), except that a
 * missing value stays absent.
 *
 * <pre>
 * {"type":"quality","client":"java","media":{"audio":{"loss":0.01,"jitterMs":4.5,"rttMs":38}, "video":{…}}}
 * </pre>
 */
public record QualityReport(String clientKind, Map<MediaType, MediaQuality> media) {

    static final double MAX_MS = 60_000;

    /** NaN where the client did not report the value. */
    public record MediaQuality(double loss, double jitterMs, double rttMs) {
    }

    public QualityReport {
        media = Map.copyOf(media);
    }

    public static Optional<QualityReport> parse(JsonObject message) {
        Optional<String> client = clientKind(message);
        if (client.isEmpty() || !(message.get("media") instanceof JsonObject media) || media.size() > 3) {
            return Optional.empty();
        }
        Map<MediaType, MediaQuality> parsed = new EnumMap<>(MediaType.class);
        for (Map.Entry<String, JsonValue> entry : media.entrySet()) {
            Optional<MediaType> type = mediaType(entry.getKey());
            if (type.isEmpty() || !(entry.getValue() instanceof JsonObject values)) {
                return Optional.empty();
            }
            double loss = number(values, "loss", 1);
            double jitter = number(values, "jitterMs", MAX_MS);
            double rtt = number(values, "rttMs", MAX_MS);
            if (loss < 0 || jitter < 0 || rtt < 0) {
                return Optional.empty();
            }
            parsed.put(type.get(), new MediaQuality(loss, jitter, rtt));
        }
        return Optional.of(new QualityReport(client.get(), parsed));
    }

    /** The {@code client} field: one of {@link Instruments#CLIENT_KINDS}. */
    static Optional<String> clientKind(JsonObject message) {
        return message.get("client") instanceof JsonString s && Instruments.CLIENT_KINDS.contains(s.getString())
                ? Optional.of(s.getString()) : Optional.empty();
    }

    static Optional<MediaType> mediaType(String name) {
        for (MediaType type : MediaType.values()) {
            if (type.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** NaN when absent; -1 (refused) when not a finite number in [0, max]. */
    private static double number(JsonObject values, String name, double max) {
        JsonValue value = values.get(name);
        if (value == null || value == JsonValue.NULL) {
            return Double.NaN;
        }
        if (!(value instanceof JsonNumber n)) {
            return -1;
        }
        double d = n.doubleValue();
        return Double.isFinite(d) && d >= 0 && d <= max ? d : -1;
    }
}
