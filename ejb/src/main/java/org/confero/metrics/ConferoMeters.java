package org.confero.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.confero.common.ServerIdentity;
import org.confero.protocol.media.MediaType;
import org.jboss.logging.Logger;

/**
 * This server's meters, on the registry WildFly's Micrometer subsystem injects (served by its Prometheus registry at
 * {@code /prometheus} on a standalone server's management interface, or pushed over OTLP where a domain profile
 * configures that registry). Beans record events here; {@link MetricsSampler} adds the state gauges. Recording never
 * fails the caller: a meter is an adder.
 *
 * <p>
 * With {@code confero.metrics.scrape.enabled} (the managed domain's profile sets it) the same meters are also kept on a
 * Micrometer {@link PrometheusMeterRegistry} of this deployment, which the web tier serves at {@code /prometheus} on
 * the application's own ports behind a scrape token. WildFly 39 refuses its Prometheus registry on the servers of a
 * managed domain ({@code WFLYMMTREXT0014: Prometheus is not supported on domain mode servers}): it serves on the
 * management HTTP interface, which those servers do not have. The exposition is still Micrometer's and the Prometheus
 * client's (WildFly's io.micrometer and io.prometheus modules), not one of Confero's.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ConferoMeters {

    /** For code outside CDI and EJB injection (the web tier's Undertow handlers). */
    public static final String JNDI_NAME = "java:global/confero/ejb/ConferoMeters!org.confero.metrics.ConferoMeters";

    private static final Logger LOG = Logger.getLogger(ConferoMeters.class);

    @Inject
    private Instance<MeterRegistry> injected;

    @Inject
    private ServerIdentity identity;

    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "confero.mmr.capacity", defaultValue = "500")
    int capacity;

    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "confero.metrics.scrape.enabled", defaultValue = "false")
    boolean scrapeEnabledProperty;

    /** The meters on each registry they are kept on: WildFly's first, then this deployment's own, if enabled. */
    private volatile List<Meters> meters = List.of();
    private volatile PrometheusMeterRegistry scrapeRegistry;

    /** One registry's instruments, state gauges and webinar gauges; every event is recorded on each. */
    private record Meters(Instruments instruments, StateGauges state, WebinarGauges webinars) {
    }

    @PostConstruct
    void start() {
        MeterRegistry registry;
        if (injected.isResolvable()) {
            registry = injected.get();
        } else {
            // Without the Micrometer subsystem nothing is exported, but every caller still works.
            LOG.warn("No Micrometer registry (subsystem micrometer missing: run wildfly-config's CLI script); "
                    + "Confero's metrics are kept in memory only");
            registry = new SimpleMeterRegistry();
        }
        List<Meters> all = new ArrayList<>(List.of(on(registry)));
        if (scrapeEnabledProperty) {
            PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            all.add(on(own));
            scrapeRegistry = own;
        }
        meters = List.copyOf(all);
    }

    private Meters on(MeterRegistry registry) {
        Instruments instruments = new Instruments(registry, identity.node(), identity.zone());
        return new Meters(instruments, new StateGauges(registry, instruments.routerTags(), capacity),
                new WebinarGauges(registry, instruments.routerTags()));
    }

    /**
     * Takes this deployment's meters out of the server's registry. WildFly 39 keeps them there after an undeploy: a
     * redeployment would find them under the same names and tags, keep exporting the old deployment's objects (frozen
     * values, then NaN once collected) and never register its own.
     */
    @PreDestroy
    void stop() {
        MeterRegistry registry = meters.get(0).instruments().registry();
        for (Meter meter : registry.getMeters()) {
            if (meter.getId().getName().startsWith(Instruments.PREFIX)) {
                registry.remove(meter);
            }
        }
        if (scrapeRegistry != null) {
            scrapeRegistry.close();
        }
    }

    /** Whether this server serves its own scrape endpoint ({@code confero.metrics.scrape.enabled}). */
    public boolean scrapeEnabled() {
        return scrapeRegistry != null;
    }

    /**
     * This deployment's series in the Prometheus text format (version 0.0.4), as Micrometer's Prometheus registry
     * writes them; empty unless {@code confero.metrics.scrape.enabled}.
     */
    public Optional<String> scrape() {
        return scrapeRegistry == null ? Optional.empty() : Optional.of(scrapeRegistry.scrape());
    }

    /** The state gauges show this sample until the next ({@link MetricsSampler}). */
    public void sampled(ServerSample sample) {
        meters.forEach(m -> m.state().update(sample));
    }

    /** Issue 23: attendees on this router and what crossed its cascade links, until the next sample. */
    public void webinarsSampled(int attendees, java.util.Map<MediaType, org.confero.media.api.CascadeTraffic> cascade) {
        WebinarGauges.Sample sample = new WebinarGauges.Sample(attendees, cascade);
        meters.forEach(m -> m.webinars().update(sample));
    }

    /** The cascade counters the gauges show now (the relay's last sample). */
    public java.util.Map<MediaType, org.confero.media.api.CascadeTraffic> lastCascadeTraffic() {
        return meters.get(0).webinars().sample().cascade();
    }

    /** The sample the gauges show now. */
    public ServerSample lastSample() {
        return meters.get(0).state().sample();
    }

    public void assigned(String policy, String chosenRouter, boolean overflow) {
        meters.forEach(m -> m.instruments().assigned(policy, chosenRouter, overflow));
    }

    public void routerFailedOver(String failedRouter) {
        meters.forEach(m -> m.instruments().routerFailedOver(failedRouter));
    }

    public void chatMessage(String kind) {
        meters.forEach(m -> m.instruments().chatMessage(kind));
    }

    public void passcodeFailure() {
        meters.forEach(m -> m.instruments().passcodeFailure());
    }

    public void authenticationFailure() {
        meters.forEach(m -> m.instruments().authenticationFailure());
    }

    public void backupSucceeded(Instant finishedAt, Duration took) {
        meters.forEach(m -> m.instruments().backupSucceeded(finishedAt, took));
    }

    public void backupFailed() {
        meters.forEach(m -> m.instruments().backupFailed());
    }

    public void joinPhase(String phase, double seconds) {
        meters.forEach(m -> m.instruments().joinPhase(phase, seconds));
    }

    public void quality(MediaType type, double lossRatio, double jitterMs, double rttMs) {
        meters.forEach(m -> m.instruments().quality(type, lossRatio, jitterMs, rttMs));
    }
}
