package org.confero.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.confero.media.api.MediaBindingCount;
import org.confero.media.api.RelayStatistics;
import org.confero.protocol.media.MediaType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 22: the Grafana dashboard in the repository ({@code wildfly-config/grafana/confero-dashboard.json}) queries
 * only series the server exports. The meters run on Micrometer's Prometheus registry, the one WildFly's subsystem
 * serves, so the names are exactly the scraped ones; one event of every kind makes every counter exist.
 */
class DashboardSeriesTest {

    static final Path DASHBOARD = Path.of("..", "wildfly-config", "grafana", "confero-dashboard.json");
    static final Pattern SERIES = Pattern.compile("\\bconfero_[a-z0-9_]+");

    PrometheusMeterRegistry registry;
    String scrape;

    @BeforeEach
    void exportEverything() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Instruments instruments = new Instruments(registry, "mmr-1", "eu");
        StateGauges gauges = new StateGauges(registry, instruments.routerTags(), 500);
        instruments.assigned("least-loaded", "mmr-1", false);
        instruments.routerFailedOver("mmr-2");
        instruments.chatMessage("meeting");
        instruments.passcodeFailure();
        instruments.authenticationFailure();
        instruments.backupSucceeded(Instant.parse("2026-12-04T02:30:00Z"), Duration.ofSeconds(3));
        instruments.backupFailed();
        instruments.joinPhase("total", 1.2);
        instruments.quality(MediaType.AUDIO, 0.01, 4, 30);
        gauges.update(new ServerSample(1, 2, 1, true,
                List.of(new MediaBindingCount(MediaType.AUDIO, "udp", 1),
                        new MediaBindingCount(MediaType.AUDIO, "websocket", 1)),
                Map.of(MediaType.AUDIO, new RelayStatistics(10, 1000, 10, 0, 10, 1000, 0, Map.of())),
                new RelayStatistics(12, 1100, 10, 1, 10, 1000, 1, Map.of("NOT_STUN_OR_RTP", 1L))));
        scrape = registry.scrape();
    }

    @Test
    void everySeriesTheDashboardQueriesIsExported() throws IOException {
        Set<String> queried = queriedSeries(dashboard());
        Set<String> exported = exportedSeries(scrape);

        assertThat(queried).as("the dashboard queries Confero's series").hasSizeGreaterThan(15);
        assertThat(exported).as("exported by the meters").containsAll(queried);
    }

    @Test
    void theDashboardCoversWhatTheIssueAsksFor() throws IOException {
        Set<String> queried = queriedSeries(dashboard());
        assertThat(queried).contains("confero_participants_active", "confero_router_capacity", "confero_media_bindings",
                "confero_relay_bytes_total", "confero_relay_drops_total", "confero_join_phase_seconds_total",
                "confero_router_failovers_total");
    }

    @Test
    void stateGaugesShowTheSampleExactly() {
        assertThat(scrape)
                .containsPattern("confero_media_bindings\\{[^}]*media=\"audio\"[^}]*transport=\"udp\"[^}]*} 1\\.0")
                .containsPattern("confero_media_bindings\\{[^}]*media=\"video\"[^}]*transport=\"udp\"[^}]*} 0\\.0")
                .containsPattern("confero_participants_active\\{[^}]*router=\"mmr-1\"[^}]*zone=\"eu\"[^}]*} 2\\.0")
                .containsPattern("confero_relay_drops_total\\{[^}]*reason=\"NOT_STUN_OR_RTP\"[^}]*} 1\\.0")
                .containsPattern("confero_relay_packets_total\\{direction=\"in\",media=\"audio\"[^}]*} 10\\.0");
    }

    @Test
    void histogramsHaveCumulativeBuckets() {
        assertThat(scrape)
                .containsPattern("confero_join_phase_seconds_total\\{le=\"1\\.0\",phase=\"total\"[^}]*} 0\\.0")
                .containsPattern("confero_join_phase_seconds_total\\{le=\"2\\.0\",phase=\"total\"[^}]*} 1\\.0")
                .containsPattern("confero_join_phase_seconds_total\\{le=\"\\+Inf\",phase=\"total\"[^}]*} 1\\.0");
    }

    static JsonObject dashboard() throws IOException {
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(DASHBOARD))) {
            return reader.readObject();
        }
    }

    /** Every Confero series named in a panel's query or a template variable's. */
    static Set<String> queriedSeries(JsonObject dashboard) {
        Set<String> names = new TreeSet<>();
        collect(dashboard, names);
        return names;
    }

    private static void collect(JsonValue value, Set<String> names) {
        if (value instanceof JsonObject object) {
            object.forEach((key, member) -> {
                if (member instanceof JsonString text && Set.of("expr", "query", "definition").contains(key)) {
                    Matcher m = SERIES.matcher(text.getString());
                    while (m.find()) {
                        names.add(m.group());
                    }
                } else {
                    collect(member, names);
                }
            });
        } else if (value instanceof JsonArray array) {
            array.forEach(member -> collect(member, names));
        }
    }

    static Set<String> exportedSeries(String scrape) {
        return scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
    }
}
