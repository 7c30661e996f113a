package org.confero.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Map;

import org.confero.media.api.CascadeTraffic;
import org.confero.protocol.media.MediaType;
import org.junit.jupiter.api.Test;

/** Issue 23: the webinar series as Prometheus scrapes them, with the sample's values. */
class WebinarGaugesTest {

    @Test
    void attendeesPerRouterAndTheCascadeFanOutAreExportedByMediaAndDirection() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Instruments instruments = new Instruments(registry, "mmr-1", "eu");
        WebinarGauges gauges = new WebinarGauges(registry, instruments.routerTags());
        gauges.update(new WebinarGauges.Sample(7, Map.of(MediaType.VIDEO, new CascadeTraffic(3, 300, 40, 4000))));

        String scrape = registry.scrape();
        assertThat(scrape)
                .containsPattern("confero_webinar_attendees\\{[^}]*router=\"mmr-1\"[^}]*zone=\"eu\"[^}]*} 7\\.0")
                .containsPattern("confero_cascade_packets_total\\{direction=\"out\",media=\"video\"[^}]*} 40\\.0")
                .containsPattern("confero_cascade_packets_total\\{direction=\"in\",media=\"video\"[^}]*} 3\\.0")
                .containsPattern("confero_cascade_bytes_total\\{direction=\"out\",media=\"video\"[^}]*} 4000\\.0")
                .containsPattern("confero_cascade_packets_total\\{direction=\"out\",media=\"audio\"[^}]*} 0\\.0");
    }
}
