package org.confero.testsuite.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;

import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.Http;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The REST API on the real EAR over HTTP: authentication through Elytron (the first start's admin) and API tokens,
 * meetings CRUD with ownership, the meeting lookup with passcode gate and rate limit, zones and tunnels, and the
 * problem+json contract for bad input.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MeetingApiIT {

    private final Http http = new Http();

    @ArquillianResource
    private URL base;

    private URI api;
    private String admin;

    @Deployment(testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @BeforeEach
    void setUp() throws Exception {
        api = base.toURI().resolve("/api/v1/");
        admin = Http.basic("admin", FirstStartCredentials.adminPassword());
    }

    @Test
    @Timeout(120)
    void hostsManageTheirOwnMeetingsAndGuestsLookThemUp() throws Exception {
        // An admin creates a host; the host schedules a meeting with a passcode.
        String host = "host-" + System.nanoTime();
        HttpResponse<String> createdUser = http.send("POST", api.resolve("users"), """
                {"username":"%s","displayName":"Hana Host","role":"host","password":"correct horse battery"}"""
                .formatted(host), "Authorization", admin);
        assertThat(createdUser.statusCode()).as(createdUser.body()).isEqualTo(201);
        String hostAuth = Http.basic(host, "correct horse battery");

        HttpResponse<String> created = http.send("POST", api.resolve("meetings"), """
                {"topic":"Quarterly review","durationMinutes":45,"timeZone":"Europe/Berlin","passcode":"482913",
                 "waitingRoom":true}""", "Authorization", hostAuth);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject meeting = Http.json(created);
        String id = meeting.getString("id");
        assertThat(id).matches("\\d{11}");
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(id));
        assertThat(meeting.getBoolean("passcodeProtected")).isTrue();
        assertThat(created.body()).doesNotContain("482913");

        // Ownership: another host sees no such meeting; the admin does.
        String other = "other-" + System.nanoTime();
        http.send("POST", api.resolve("users"), """
                {"username":"%s","role":"host","password":"another long password"}""".formatted(other), "Authorization",
                admin);
        HttpResponse<String> foreign = http.send("GET", api.resolve("meetings/" + id), null, "Authorization",
                Http.basic(other, "another long password"));
        assertProblem(foreign, 404, "meeting-not-found");
        assertThat(http.send("GET", api.resolve("meetings/" + id), null, "Authorization", admin).statusCode())
                .isEqualTo(200);

        // The lookup: the passcode gates it, in a header only.
        assertProblem(http.send("GET", api.resolve("meetings/" + id + "/join-info"), null), 403, "wrong-passcode");
        assertProblem(http.send("GET", api.resolve("meetings/" + id + "/join-info?passcode=482913"), null), 400,
                "invalid-request");
        HttpResponse<String> joined = http.send("GET", api.resolve("meetings/" + id + "/join-info?name=Gus"), null,
                "X-Confero-Passcode", "482913", "X-Forwarded-For", "203.0.113.7", "Via", "1.1 corp-proxy");
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
        assertThat(joined.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        JsonObject info = Http.json(joined);
        assertThat(info.getJsonObject("meeting").getString("topic")).isEqualTo("Quarterly review");
        assertThat(info.getJsonObject("meeting").getBoolean("waitingRoom")).isTrue();
        assertThat(info.getString("joinToken")).contains(".");
        assertThat(info.getString("webClientUrl")).endsWith("/join/" + id);
        assertThat(info.getJsonArray("zones")).isNotEmpty();
        JsonObject path = info.getJsonObject("proxy");
        assertThat(path.getString("clientAddress")).as("X-Forwarded-For from an untrusted peer is not believed")
                .isEqualTo("127.0.0.1");
        assertThat(path.getBoolean("proxyDetected")).isTrue();
        assertThat(path.getBoolean("trustedProxy")).isFalse();
        assertThat(path.getString("via")).isEqualTo("1.1 corp-proxy");

        // Wrong passcodes are rate-limited per client.
        HttpResponse<String> last = null;
        for (int i = 0; i < 6; i++) {
            last = http.send("GET", api.resolve("meetings/" + id + "/join-info"), null, "X-Confero-Passcode", "000000");
        }
        assertProblem(last, 429, "too-many-attempts");
        assertThat(last.headers().firstValue("Retry-After")).isPresent();

        // The host changes and deletes the meeting.
        HttpResponse<String> patched = http.send("PATCH", api.resolve("meetings/" + id), """
                {"topic":"Quarterly review (moved)"}""", "Authorization", hostAuth);
        assertThat(Http.json(patched).getString("topic")).isEqualTo("Quarterly review (moved)");
        assertThat(http.send("DELETE", api.resolve("meetings/" + id), null, "Authorization", hostAuth).statusCode())
                .isEqualTo(204);
        assertProblem(http.send("GET", api.resolve("meetings/" + id + "/join-info"), null), 404, "meeting-not-found");
    }

    @Test
    @Timeout(60)
    void theDemoMeetingOfTheFirstStartHasARandomPasscode() throws Exception {
        String demo = FirstStartCredentials.demoMeetingId();
        String passcode = FirstStartCredentials.demoMeetingPasscode();
        assertThat(passcode).matches("\\d{10}");

        assertProblem(http.send("GET", api.resolve("meetings/" + demo + "/join-info"), null), 403, "wrong-passcode");
        HttpResponse<String> joined = http.send("GET", api.resolve("meetings/" + demo + "/join-info?name=Demo"), null,
                "X-Confero-Passcode", passcode);
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
        assertThat(Http.json(joined).getJsonObject("meeting").getString("topic")).isEqualTo("Confero demo meeting");
    }

    @Test
    @Timeout(60)
    void integratorsUseRevocableApiTokens() throws Exception {
        HttpResponse<String> created = http.send("POST", api.resolve("tokens"), """
                {"name":"ci integration","expiresInDays":7}""", "Authorization", admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject token = Http.json(created);
        String bearer = "Bearer " + token.getString("token");

        assertThat(http.send("GET", api.resolve("meetings"), null, "Authorization", bearer).statusCode())
                .isEqualTo(200);
        HttpResponse<String> listed = http.send("GET", api.resolve("tokens"), null, "Authorization", bearer);
        assertThat(listed.body()).contains(token.getString("id")).doesNotContain(token.getString("token"));

        assertThat(http.send("DELETE", api.resolve("tokens/" + token.getString("id")), null, "Authorization", bearer)
                .statusCode()).isEqualTo(204);
        assertProblem(http.send("GET", api.resolve("meetings"), null, "Authorization", bearer), 401, "unauthenticated");
        assertProblem(http.send("GET", api.resolve("meetings"), null, "Authorization", "Bearer cft_forged.x"), 401,
                "unauthenticated");
    }

    @Test
    @Timeout(60)
    void badInputGetsAClearProblemNeverAServerError() throws Exception {
        assertProblem(http.send("GET", api.resolve("meetings"), null), 401, "unauthenticated");
        assertProblem(http.send("POST", api.resolve("meetings"), "{\"topic\": ", "Authorization", admin), 400,
                "malformed-json");
        assertProblem(http.send("POST", api.resolve("meetings"), "{\"topc\":\"typo\"}", "Authorization", admin), 400,
                "malformed-json");
        assertProblem(http.send("POST", api.resolve("meetings"), "{\"topic\":\"x\",\"timeZone\":\"Mars/Base\"}",
                "Authorization", admin), 400, "invalid-request");
        assertProblem(http.send("POST", api.resolve("meetings"), "{\"topic\":\"" + "x".repeat(200_000) + "\"}",
                "Authorization", admin), 413, "payload-too-large");
        assertProblem(http.send("GET", api.resolve("meetings/12/join-info"), null), 404, "meeting-not-found");
        assertProblem(http.send("GET", api.resolve("meetings/99999999999/join-info"), null), 404, "meeting-not-found");
        assertProblem(http.send("PUT", api.resolve("zones/eu"), "{\"state\":\"sideways\"}", "Authorization", admin),
                400, "invalid-request");
    }

    @Test
    @Timeout(60)
    void adminsDefineZonesAndTunnelsThatTheLookupReturns() throws Exception {
        // This server heartbeats as the router of zone "default"; give that zone a CIDR rule for the test client.
        HttpResponse<String> home = http.send("PUT", api.resolve("zones/default"), """
                {"name":"Home","country":"DE","state":"enabled","controllerUrls":["https://localhost:8543/api/v1/zc"],
                 "cidrRules":["127.0.0.0/8"]}""", "Authorization", admin);
        assertThat(home.statusCode()).as(home.body()).isIn(200, 201);
        // A zone whose routers never heartbeat: listed, but last and not available.
        HttpResponse<String> zone = http.send("PUT", api.resolve("zones/onprem"), """
                {"name":"Head office","region":"Munich","country":"DE","state":"enabled",
                 "controllerUrls":["https://zc1.corp.example:8443/api/v1/zc"],"cidrRules":["127.0.0.0/8"]}""",
                "Authorization", admin);
        assertThat(zone.statusCode()).as(zone.body()).isIn(200, 201);
        HttpResponse<String> tunnel = http.send("PUT", api.resolve("tunnels/ht1"), """
                {"url":"https://ht1.corp.example/tunnel","region":"Munich","country":"DE"}""", "Authorization", admin);
        assertThat(tunnel.statusCode()).as(tunnel.body()).isIn(200, 201);
        HttpResponse<String> meeting = http.send("POST", api.resolve("meetings"), "{\"topic\":\"Zones\"}",
                "Authorization", admin);
        String id = Http.json(meeting).getString("id");

        JsonObject info = Http.json(http.send("GET", api.resolve("meetings/" + id + "/join-info"), null));

        List<JsonObject> ranked = info.getJsonArray("zones").getValuesAs(JsonObject.class);
        assertThat(ranked.get(0).getString("id")).isEqualTo("default");
        assertThat(ranked.get(0).getBoolean("available")).isTrue();
        assertThat(ranked.get(0).getString("reason")).as("the CIDR rule is why").contains("cidr 127.0.0.0/8");
        assertThat(ranked.get(0).getJsonArray("controllerUrls").getString(0))
                .isEqualTo("https://localhost:8543/api/v1/zc");
        JsonObject onprem = ranked.stream().filter(z -> z.getString("id").equals("onprem")).findFirst().orElseThrow();
        assertThat(onprem.getBoolean("available")).isFalse();
        assertThat(onprem.getString("reason")).contains("no healthy router");
        assertThat(ranked.indexOf(onprem)).as("unavailable zones come last").isEqualTo(ranked.size() - 1);
        assertThat(info.getJsonArray("tunnels").getValuesAs(JsonObject.class))
                .anySatisfy(t -> assertThat(t.getString("url")).isEqualTo("https://ht1.corp.example/tunnel"));
        HttpResponse<String> openapi = http.send("GET", api.resolve("/openapi"), null, "Accept", "application/json");
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/v1/meetings/{id}/join-info");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("application/problem+json"));
        JsonObject problem = Http.json(response);
        assertThat(problem.getString("type")).isEqualTo("https://confero.org/problems/" + type);
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
