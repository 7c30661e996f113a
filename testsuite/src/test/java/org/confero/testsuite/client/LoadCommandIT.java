package org.confero.testsuite.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.confero.cli.ExitCode;
import org.confero.testsuite.api.FirstStartCredentials;
import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.DefaultZone;
import org.confero.testsuite.support.Http;
import org.confero.testsuite.support.InProcessCli;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code confero load} against the real server, over TLS as a user runs it (the server's own certificate as
 * {@code --ca-cert}): it creates its meetings, joins every participant through the whole connection process, sends test
 * media, and reports what the relay delivered next to what the load tool itself cost — CPU per packet sent or received
 * (issue 21) — so that its report says when the tool, not the server, is the bottleneck.
 * <p>
 * The {@code default} zone's controller URL is pointed at {@code https://localhost:8543/api/v1/zc} for the test and
 * restored afterwards, as in TunnelIT; the router registers {@code confero.mmr.url} = {@code https://localhost:8543}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LoadCommandIT {

    private static final String TLS_BASE = "https://localhost:8543";

    @ArquillianResource
    private URL base;

    private final Http http = new Http();
    private URI api;
    private String admin;
    private JsonObject originalZone;

    @Deployment(testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @BeforeEach
    void setUp() throws Exception {
        api = base.toURI().resolve("/api/v1/");
        admin = Http.basic("admin", FirstStartCredentials.adminPassword());
        HttpResponse<String> current = http.send("GET", api.resolve("zones/default"), null, "Authorization", admin);
        assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
        originalZone = Http.json(current);
        putDefaultZone(TLS_BASE + "/api/v1/zc");
    }

    @AfterEach
    void restoreZone() throws Exception {
        putDefaultZone(null);
    }

    @Test
    @Timeout(180)
    void reportsItsOwnCpuPerPacketNextToWhatTheRelayDelivered() throws Exception {
        String certificate = Path.of(System.getProperty("confero.test.data"), "tls", "confero.crt").toString();
        InProcessCli.Output run = InProcessCli.run(Map.of("CONFERO_PASSWORD", FirstStartCredentials.adminPassword()),
                "load", "--participants", "4", "--meetings", "2", "--duration", "3", "--warmup", "1", "--server",
                TLS_BASE, "--ca-cert", certificate, "--no-proxy", "--user", "admin", "--json");
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
        JsonObject load = run.out().lines().filter(line -> line.startsWith("{"))
                .map(line -> Json.createReader(new StringReader(line)).readObject())
                .filter(event -> "load".equals(event.getString("event", ""))).findFirst().orElseThrow();
        assertThat(load.getInt("joined")).isEqualTo(4);
        // Two meetings of two: audio and video flowed both ways in each.
        assertThat(load.getJsonArray("media").getValuesAs(JsonObject.class))
                .allSatisfy(media -> assertThat(media.getJsonNumber("deliveredPerSecond").doubleValue()).isPositive());

        JsonObject tool = load.getJsonObject("loadTool");
        long sent = tool.getJsonNumber("packetsSent").longValue();
        long received = tool.getJsonNumber("packetsReceived").longValue();
        double cpuSeconds = tool.getJsonNumber("cpuSeconds").doubleValue();
        double window = load.getJsonNumber("windowSeconds").doubleValue();
        // 4 participants × (50 + 90) packets/s over the ~3 s window, each heard by the one other member of its meeting.
        assertThat(sent).isBetween(1000L, 2500L);
        assertThat(received).isBetween(sent / 2, sent * 2);
        assertThat(cpuSeconds).isPositive();
        assertThat(tool.getJsonNumber("cpuNanosPerPacket").doubleValue())
                .isCloseTo(cpuSeconds * 1e9 / (sent + received), within(1.0));
        assertThat(tool.getJsonNumber("cores").doubleValue()).isCloseTo(cpuSeconds / window, within(1e-6))
                .isLessThanOrEqualTo(tool.getInt("processors"));
    }

    /**
     * Issue 23: {@code load --webinar} creates a webinar, joins its attendees through the whole connection process
     * (receiving only) and a panelist with the webinar's panelist code, and reports what the attendees received of the
     * panelist's audio and video: every attendee, at the panelist's rate, without loss on loopback.
     */
    @Test
    @Timeout(180)
    void loadsAWebinarWithAttendeesWhoReceiveThePanelistsMedia() throws Exception {
        String certificate = Path.of(System.getProperty("confero.test.data"), "tls", "confero.crt").toString();
        InProcessCli.Output run = InProcessCli.run(Map.of("CONFERO_PASSWORD", FirstStartCredentials.adminPassword()),
                "load", "--webinar", "--attendees", "5", "--panelist", "--duration", "3", "--warmup", "1", "--server",
                TLS_BASE, "--ca-cert", certificate, "--no-proxy", "--user", "admin", "--json");
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
        JsonObject load = run.out().lines().filter(line -> line.startsWith("{"))
                .map(line -> Json.createReader(new StringReader(line)).readObject())
                .filter(event -> "webinar-load".equals(event.getString("event", ""))).findFirst().orElseThrow();
        assertThat(load.getInt("joined")).isEqualTo(5);
        assertThat(load.getBoolean("panelist")).isTrue();
        assertThat(load.getJsonArray("media").getValuesAs(JsonObject.class)).hasSize(2).allSatisfy(media -> {
            double expected = media.getJsonNumber("expectedPerSecond").doubleValue();
            assertThat(expected).isPositive();
            assertThat(media.getJsonNumber("receivedPerSecond").doubleValue()).as(media.toString())
                    .isBetween(expected * 0.7, expected * 1.3);
            assertThat(media.getJsonNumber("numbered").longValue()).isPositive();
        });
    }

    /** The default zone as it was, with this controller URL (null: the original ones). */
    private void putDefaultZone(String controllerUrl) throws Exception {
        DefaultZone.put(http, api, admin, originalZone, controllerUrl);
    }
}
