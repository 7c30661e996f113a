package org.confero.control;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.confero.protocol.media.MediaCredentials;

/**
 * Media credentials for one admitted participant, one per media type ({@code audio}, {@code video}, {@code content}),
 * issued by the router's own relay and valid until {@code expires}. They travel only on the control channel, inside
 * {@code joined}, {@code admitted}, {@code resumed} and {@code media-credentials} messages.
 */
public record MediaGrant(Map<String, MediaCredentials> credentials, Instant expires) {

    public MediaGrant {
        credentials = Map.copyOf(credentials);
        Objects.requireNonNull(expires, "expires");
    }

    /** Adds {@code media} and {@code mediaExpires} to a control message. */
    void addTo(JsonObjectBuilder message) {
        JsonObjectBuilder media = Json.createObjectBuilder();
        credentials.forEach((type, c) -> media.add(type,
                Json.createObjectBuilder().add("token", c.token()).add("password", c.password())));
        message.add("media", media).add("mediaExpires", expires.toString());
    }
}
