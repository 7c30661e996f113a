package org.confero.testsuite.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;

import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.Http;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database the execution gives the server (H2 in {@code default}, PostgreSQL in {@code postgres}) is the one the
 * application runs on: the health check's database probe answers through it and names it, and the migrations ran.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DatabaseIT {

    private final Http http = new Http();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @Test
    @Timeout(60)
    void theHealthCheckProbesTheConfiguredDatabase() throws Exception {
        HttpResponse<String> health = http.get(base.toURI().resolve("/healthCheck"));
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":200}");

        // Management is the HTTP port + 1910 with every offset the testsuite uses (8180 → 10090, 8380 → 10290).
        URI readiness = URI.create("http://127.0.0.1:" + (base.getPort() + 1910) + "/health/ready");
        JsonObject confero = Http.json(http.get(readiness)).getJsonArray("checks").getValuesAs(JsonObject.class)
                .stream().filter(c -> c.getString("name").equals("confero")).findFirst().orElseThrow();
        String database = confero.getJsonObject("data").getString("database");
        String expected = "postgresql".equals(System.getProperty("confero.test.database")) ? "UP: PostgreSQL"
                : "UP: H2";
        assertThat(database).startsWith(expected);
    }

    @Test
    @Timeout(60)
    void theMigrationsRanOnIt() throws Exception {
        String admin = Http.basic("admin", FirstStartCredentials.adminPassword());
        // The first start wrote its admin, zone and demo meeting through the migrated schema.
        HttpResponse<String> zones = http.send("GET", base.toURI().resolve("/api/v1/zones"), null, "Authorization",
                admin);
        assertThat(zones.statusCode()).as(zones.body()).isEqualTo(200);
        JsonValue items = Http.json(zones).get("items");
        assertThat(items == null ? zones.body() : items.toString()).contains("\"id\":\"default\"");
    }
}
