package org.confero.quality;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.confero.metrics.Instruments;

/**
 * The phase durations a client reports once its join completed, in seconds, checked: known phase names
 * ({@link Instruments#JOIN_PHASES}), each in [0, 600] s; anything else refuses the report whole.
 *
 * <pre>
 * {"type":"join-phases","client":"java","phases":{"lookup":0.08,"zone_selection":0.41,…,"total":1.2}}
 * </pre>
 */
public record JoinPhases(String clientKind, Map<String, Double> seconds) {

    static final double MAX_SECONDS = 600;

    public JoinPhases {
        seconds = Map.copyOf(seconds);
    }

    public static Optional<JoinPhases> parse(JsonObject message) {
        Optional<String> client = QualityReport.clientKind(message);
        if (client.isEmpty() || !(message.get("phases") instanceof JsonObject phases)
                || phases.size() > Instruments.JOIN_PHASES.size()) {
            return Optional.empty();
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : phases.entrySet()) {
            if (!Instruments.JOIN_PHASES.contains(entry.getKey()) || !(entry.getValue() instanceof JsonNumber n)) {
                return Optional.empty();
            }
            double value = n.doubleValue();
            if (!Double.isFinite(value) || value < 0 || value > MAX_SECONDS) {
                return Optional.empty();
            }
            seconds.put(entry.getKey(), value);
        }
        return Optional.of(new JoinPhases(client.get(), seconds));
    }
}
