package org.confero.health.interfaces;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.confero.health.api.CheckResult;
import org.confero.health.api.HealthReport;

/**
 * The {@code /healthCheck} body. Healthy is exactly {@code {"status":200}}: load balancers match that string. Unhealthy
 * is {@code {"status":503,"checks":{name:{"status":"UP|DOWN","detail":…}}}} so an operator sees what is down.
 */
final class HealthJson {

    private HealthJson() {
    }

    static int httpStatus(HealthReport report) {
        return report.up() ? 200 : 503;
    }

    static JsonObject toJson(HealthReport report) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("status", httpStatus(report));
        if (!report.up()) {
            JsonObjectBuilder checks = Json.createObjectBuilder();
            for (CheckResult check : report.checks()) {
                checks.add(check.name(), Json.createObjectBuilder().add("status", check.up() ? "UP" : "DOWN")
                        .add("detail", check.detail()));
            }
            body.add("checks", checks);
        }
        return body.build();
    }
}
