package org.confero.testsuite.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * The test server's zone {@code default}, which tests point at a controller URL they can reach and then put back: the
 * zone's own fields are kept, only its controller URLs change.
 */
public final class DefaultZone {

    private static final List<String> FIELDS = List.of("name", "region", "country", "continent", "latitude",
            "longitude", "state", "cidrRules", "controllerUrls");

    private DefaultZone() {
    }

    /** The zone as the server has it now ({@code api}: the REST API's base URI, ending in {@code /api/v1/}). */
    public static JsonObject read(Http http, URI api, String authorization) throws Exception {
        HttpResponse<String> current = http.send("GET", api.resolve("zones/default"), null, "Authorization",
                authorization);
        assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
        return Http.json(current);
    }

    /** Puts {@code zone} back, with {@code controllerUrl} as its only controller (null: the zone's own ones). */
    public static void put(Http http, URI api, String authorization, JsonObject zone, String controllerUrl)
            throws Exception {
        JsonObjectBuilder update = Json.createObjectBuilder();
        for (String field : FIELDS) {
            if (zone.containsKey(field) && zone.get(field) != JsonValue.NULL) {
                update.add(field, zone.get(field));
            }
        }
        if (controllerUrl != null) {
            update.add("controllerUrls", Json.createArrayBuilder().add(controllerUrl));
        }
        HttpResponse<String> put = http.send("PUT", api.resolve("zones/default"), update.build().toString(),
                "Authorization", authorization);
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201, 204);
    }
}
