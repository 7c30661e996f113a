package org.confero.client.assign;

import static org.confero.client.http.JsonBodies.optionalInstant;
import static org.confero.client.http.JsonBodies.optionalString;
import static org.confero.client.http.JsonBodies.string;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.rest.AssignmentView;
import org.confero.protocol.rest.AssignmentView.MediaEndpoints;

/** The zone controller's JSON into the protocol's {@link AssignmentView}, with the client's URL rewrites applied. */
public final class AssignmentParser {

    private AssignmentParser() {
    }

    public static AssignmentView parse(JsonObject json, UnaryOperator<String> rewrite) throws IOException {
        try {
            JsonObject media = json.getJsonObject("media");
            if (media == null) {
                throw new IOException("assignment without media endpoints");
            }
            MediaEndpoints endpoints = new MediaEndpoints(string(media, "host"), media.getInt("udpPort", 0),
                    media.getInt("tcpPort", 0), rewrite.apply(string(media, "wssUrl")));
            Map<String, MediaCredentials> credentials = new HashMap<>();
            JsonObject all = json.getJsonObject("credentials");
            if (all != null) {
                for (String type : all.keySet()) {
                    JsonObject c = all.getJsonObject(type);
                    credentials.put(type, new MediaCredentials(string(c, "token"), string(c, "password")));
                }
            }
            return new AssignmentView(optionalString(json, "meetingId"), string(json, "participantId"),
                    optionalString(json, "zone"), optionalString(json, "router"),
                    rewrite.apply(string(json, "controlUrl")), endpoints, credentials,
                    optionalInstant(json, "expiresAt"), optionalString(json, "reason"));
        } catch (ClassCastException e) {
            throw new IOException("assignment has a field of the wrong JSON type: " + e.getMessage(), e);
        }
    }
}
