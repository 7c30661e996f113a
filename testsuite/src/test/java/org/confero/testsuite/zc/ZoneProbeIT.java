package org.confero.testsuite.zc;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

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

/** The zone controller's probe as a client uses it: a burst of round trips, and a throughput sample. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ZoneProbeIT {

    @ArquillianResource
    private URL base;

    private final Http http = new Http();

    @Deployment(testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @Test
    @Timeout(60)
    void aBurstOfRoundTripsIsEchoedInOrderAndNeverCached() throws Exception {
        URI probe = base.toURI().resolve("/api/v1/zc/probe");
        for (int seq = 1; seq <= 20; seq++) {
            HttpResponse<String> answer = http.get(URI.create(probe + "?seq=" + seq));
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonObject body = Http.json(answer);
            assertThat(body.getJsonNumber("seq").longValue()).isEqualTo(seq);
            assertThat(body.getString("zone")).isEqualTo("default");
            assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
    }

    @Test
    @Timeout(60)
    void aThroughputSampleIsCountedAndAnOversizedOneRefused() throws Exception {
        URI probe = base.toURI().resolve("/api/v1/zc/probe");
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> sample = client.send(
                HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(15))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[200_000])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sample.statusCode()).isEqualTo(200);
        assertThat(Http.json(sample).getJsonNumber("receivedBytes").longValue()).isEqualTo(200_000);

        HttpResponse<String> tooBig = client.send(
                HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(15))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[300_000])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }
}
