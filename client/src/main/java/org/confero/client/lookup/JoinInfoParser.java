package org.confero.client.lookup;

import static org.confero.client.http.JsonBodies.optionalInstant;
import static org.confero.client.http.JsonBodies.optionalString;
import static org.confero.client.http.JsonBodies.string;
import static org.confero.client.http.JsonBodies.strings;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.confero.protocol.rest.JoinInfoView;
import org.confero.protocol.rest.JoinInfoView.JoinMeetingView;
import org.confero.protocol.rest.JoinInfoView.PathView;
import org.confero.protocol.rest.JoinInfoView.RankedZoneView;
import org.confero.protocol.rest.TunnelView;

/**
 * The lookup's JSON into the protocol's {@link JoinInfoView}. Lenient about what it does not need (a newer server may
 * add fields), strict about what the connection process cannot go on without: the join token and the web client URL.
 */
public final class JoinInfoParser {

    private JoinInfoParser() {
    }

    public static JoinInfoView parse(JsonObject json) throws IOException {
        try {
            JsonObject m = json.getJsonObject("meeting");
            JoinMeetingView meeting = m == null ? null
                    : new JoinMeetingView(optionalString(m, "id"), optionalString(m, "topic"),
                            optionalString(m, "type"), optionalString(m, "host"), optionalInstant(m, "startTime"),
                            m.getInt("durationMinutes", 0), optionalString(m, "timeZone"), optionalString(m, "state"),
                            m.getBoolean("waitingRoom", false), m.getBoolean("muteOnEntry", false));
            return new JoinInfoView(meeting, string(json, "joinToken"), optionalInstant(json, "joinTokenExpiresAt"),
                    zones(json), tunnels(json), string(json, "webClientUrl"), path(json));
        } catch (ClassCastException e) {
            throw new IOException("join-info has a field of the wrong JSON type: " + e.getMessage(), e);
        }
    }

    /** The ranked zones of a lookup or network-test answer. */
    public static List<RankedZoneView> zones(JsonObject json) throws IOException {
        List<RankedZoneView> zones = new ArrayList<>();
        for (JsonObject z : objects(json, "zones")) {
            zones.add(new RankedZoneView(z.getInt("rank", zones.size() + 1), string(z, "id"), optionalString(z, "name"),
                    optionalString(z, "region"), z.getBoolean("available", true), optionalString(z, "reason"),
                    strings(z, "controllerUrls")));
        }
        return zones;
    }

    /** The HTTP tunnel servers of a lookup or network-test answer. */
    public static List<TunnelView> tunnels(JsonObject json) throws IOException {
        List<TunnelView> tunnels = new ArrayList<>();
        for (JsonObject t : objects(json, "tunnels")) {
            tunnels.add(new TunnelView(optionalString(t, "id"), string(t, "url"), optionalString(t, "region"),
                    optionalString(t, "country"), optionalString(t, "state")));
        }
        return tunnels;
    }

    /** What the server saw of the path (client address, proxies), or null when it did not say. */
    public static PathView path(JsonObject json) {
        JsonObject p = json.getJsonObject("proxy");
        return p == null ? null
                : new PathView(optionalString(p, "clientAddress"), p.getBoolean("proxyDetected", false),
                        p.getBoolean("trustedProxy", false), optionalString(p, "via"), optionalString(p, "forwarded"),
                        optionalString(p, "forwardedFor"));
    }

    private static List<JsonObject> objects(JsonObject json, String name) {
        return json.containsKey(name) && json.get(name).getValueType() == JsonValue.ValueType.ARRAY
                ? json.getJsonArray(name).getValuesAs(JsonObject.class) : List.of();
    }
}
