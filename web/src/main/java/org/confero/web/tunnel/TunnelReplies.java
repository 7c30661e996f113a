package org.confero.web.tunnel;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.util.Map;
import java.util.Optional;

import org.confero.common.api.ProblemType;

/** The text messages a tunnel server sends, as JSON (every string escaped by the JSON library). */
final class TunnelReplies {

    private TunnelReplies() {
    }

    static String welcome(String node) {
        return Json.createObjectBuilder().add("type", "welcome").add("tunnel", node).build().toString();
    }

    static String error(Optional<Integer> id, String code, String message) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("type", "error");
        id.ifPresent(n -> json.add("id", n));
        return json.add("code", code).add("message", message).build().toString();
    }

    static String response(int id, int status, Map<String, String> headers, String body) {
        JsonObjectBuilder names = Json.createObjectBuilder();
        headers.forEach(names::add);
        return Json.createObjectBuilder().add("type", "response").add("id", id).add("status", status)
                .add("headers", names).add("body", body).build().toString();
    }

    /** A response the tunnel itself answers (the request never went upstream, or upstream failed). */
    static String problem(int id, ProblemType type, String detail) {
        String body = Json.createObjectBuilder().add("type", type.uri()).add("title", type.title())
                .add("status", type.status()).add("detail", detail).build().toString();
        return response(id, type.status(), Map.of("Content-Type", "application/problem+json"), body);
    }

    static String opened(int id) {
        return Json.createObjectBuilder().add("type", "opened").add("id", id).build().toString();
    }

    static String closed(int id, int code, String reason) {
        return Json.createObjectBuilder().add("type", "closed").add("id", id).add("code", code)
                .add("reason", reason == null ? "" : reason).build().toString();
    }

    static String text(int id, String data) {
        return Json.createObjectBuilder().add("type", "text").add("id", id).add("data", data).build().toString();
    }
}
