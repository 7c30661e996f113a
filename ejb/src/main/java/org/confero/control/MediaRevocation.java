package org.confero.control;

import jakarta.json.Json;

import java.util.Optional;

/**
 * The room event that tells the other routers of a meeting to revoke a participant's media on their relays too. It
 * travels between routers only (never to a participant): {@code {"type":"media-revoked","participantId":"…"}}.
 */
final class MediaRevocation {

    private static final String PREFIX = "{\"type\":\"media-revoked\"";

    private MediaRevocation() {
    }

    static String event(String participantId) {
        return Json.createObjectBuilder().add("type", "media-revoked").add("participantId", participantId).build()
                .toString();
    }

    /** The participant to revoke, when {@code json} is this event. */
    static Optional<String> participantOf(String json) {
        if (!json.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try (var reader = Json.createReader(new java.io.StringReader(json))) {
            return Optional.ofNullable(reader.readObject().getString("participantId", null));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
