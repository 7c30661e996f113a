package org.confero.client.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.confero.client.http.JsonBodies;
import org.confero.client.media.MediaGrant;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;

/**
 * The media credentials in control messages ({@code joined}, {@code admitted}, {@code resumed},
 * {@code media-credentials}): {@code "media": {"audio": {"token", "password"}, …}, "mediaExpires": "<instant>"}.
 */
final class GrantMessages {

    static final String MEDIA = "media";
    static final String EXPIRES = "mediaExpires";

    private GrantMessages() {
    }

    /**
     * The grant a message carries; empty when it carries none, or a broken one — which is worth no more than none: the
     * media connection asks for fresh credentials when it finds none.
     */
    static Optional<MediaGrant> grant(JsonObject message) {
        if (!(message.get(MEDIA) instanceof JsonObject media)) {
            return Optional.empty();
        }
        try {
            Map<MediaType, MediaCredentials> credentials = new EnumMap<>(MediaType.class);
            for (MediaType type : MediaType.values()) {
                // Looked up by the names we know, never valueOf on what the router sent.
                if (media.get(type.name().toLowerCase(Locale.ROOT)) instanceof JsonObject c) {
                    credentials.put(type,
                            new MediaCredentials(JsonBodies.string(c, "token"), JsonBodies.string(c, "password")));
                }
            }
            Instant expires = JsonBodies.optionalInstant(message, EXPIRES);
            return Optional.of(new MediaGrant(credentials, Optional.ofNullable(expires)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The message as the application sees it: without the passwords, which the session keeps (applications log and
     * print messages; {@code confero join --json} prints every one).
     */
    static JsonObject withoutCredentials(JsonObject message) {
        if (!message.containsKey(MEDIA)) {
            return message;
        }
        JsonObjectBuilder shown = Json.createObjectBuilder();
        message.forEach((name, value) -> {
            if (!MEDIA.equals(name)) {
                shown.add(name, value == null ? JsonValue.NULL : value);
            }
        });
        return shown.build();
    }
}
