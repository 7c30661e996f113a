package org.confero.testsuite.health;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.confero.testsuite.support.Await;
import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.Http;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The load balancer's contract on the real EAR: {@code {"status":200}} when the database, the cache container and the
 * media relay are up; 503 naming the dependency that is down, and back to 200 once it recovers. MicroProfile Health
 * readiness on the management port says the same.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthCheckIT {

    private static final URI READINESS = URI.create("http://127.0.0.1:10090/health/ready");
    private static final URI LIVENESS = URI.create("http://127.0.0.1:10090/health/live");

    private final Http http = new Http();

    @Deployment(name = "confero", order = 1, testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @Deployment(name = "faults", order = 2, testable = false)
    static WebArchive faults() {
        return ShrinkWrap.create(WebArchive.class, "faults.war").addClasses(DatabaseHangServlet.class,
                org.confero.testsuite.support.DatabaseHoldingServlet.class);
    }

    @Test
    @Timeout(60)
    void healthyServerAnswersExactlyStatus200(@ArquillianResource @OperateOnDeployment("confero") URL base)
            throws Exception {
        HttpResponse<String> response = http.get(base.toURI().resolve("/healthCheck"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":200}");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    @Timeout(60)
    void readinessAndLivenessReportEveryCheckUp() throws Exception {
        for (URI endpoint : new URI[] { READINESS, LIVENESS }) {
            HttpResponse<String> response = http.get(endpoint);
            assertThat(response.statusCode()).as(endpoint.toString()).isEqualTo(200);
            JsonObject confero = conferoCheck(Http.json(response));
            assertThat(confero.getString("status")).isEqualTo("UP");
            JsonObject data = confero.getJsonObject("data");
            assertThat(data.getString("database")).startsWith("UP: H2");
            // routers, placements, presence, sessions, room-events, chat-events, nodes and (issue 22) participants
            assertThat(data.getString("cache")).startsWith("UP: 8 caches running");
            assertThat(data.getString("media")).startsWith("UP: RUNNING");
        }
    }

    @Test
    @Timeout(90)
    void hungDatabaseGives503NamingItThenRecovers(@ArquillianResource @OperateOnDeployment("confero") URL base,
            @ArquillianResource @OperateOnDeployment("faults") URL faults) throws Exception {
        URI health = base.toURI().resolve("/healthCheck");
        int outageSeconds = 8;

        HttpResponse<String> hang = http.post(URI.create(faults + "hang-database?seconds=" + outageSeconds));
        assertThat(hang.statusCode()).isEqualTo(202);

        HttpResponse<String> down = Await.until(Duration.ofSeconds(outageSeconds), () -> http.get(health),
                r -> r.statusCode() == 503, "503 from /healthCheck");
        JsonObject body = Http.json(down);
        assertThat(body.getInt("status")).isEqualTo(503);
        JsonObject checks = body.getJsonObject("checks");
        assertThat(checks.getJsonObject("database").getString("status")).isEqualTo("DOWN");
        // A hung database either stops answering (the check's deadline) or refuses new connections; both are DOWN.
        assertThat(checks.getJsonObject("database").getString("detail")).isNotBlank();
        assertThat(checks.getJsonObject("cache").getString("status")).isEqualTo("UP");
        assertThat(checks.getJsonObject("media").getString("status")).isEqualTo("UP");
        assertThat(down.body()).doesNotContain("Exception\n").doesNotContain("\tat ");

        HttpResponse<String> readiness = http.get(READINESS);
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(conferoCheck(Http.json(readiness)).getJsonObject("data").getString("database")).startsWith("DOWN");

        HttpResponse<String> recovered = Await.until(Duration.ofSeconds(outageSeconds + 20), () -> http.get(health),
                r -> r.statusCode() == 200, "200 from /healthCheck after the outage");
        assertThat(recovered.body()).isEqualTo("{\"status\":200}");
    }

    private static JsonObject conferoCheck(JsonObject healthResponse) {
        return healthResponse.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> "confero".equals(check.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no confero check in " + healthResponse));
    }
}
