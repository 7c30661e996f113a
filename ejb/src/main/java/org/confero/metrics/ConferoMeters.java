package org.confero.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

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

import org.confero.common.ServerIdentity;
import org.confero.protocol.media.MediaType;
import org.jboss.logging.Logger;

/**
 * This server's meters, on the registry WildFly's Micrometer subsystem injects (served by its Prometheus registry at
 * {@code /prometheus} on the management interface, or pushed over OTLP in a managed domain). Beans record events here;
 * {@link MetricsSampler} adds the state gauges. Recording never fails the caller: a meter is an adder.
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

    private Instruments instruments;
    private StateGauges state;
    private WebinarGauges webinars;

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
        instruments = new Instruments(registry, identity.node(), identity.zone());
        state = new StateGauges(registry, instruments.routerTags(), capacity);
        webinars = new WebinarGauges(registry, instruments.routerTags());
    }

    /**
     * Takes this deployment's meters out of the server's registry. WildFly 39 keeps them there after an undeploy: a
     * redeployment would find them under the same names and tags, keep exporting the old deployment's objects (frozen
     * values, then NaN once collected) and never register its own.
     */
    @PreDestroy
    void stop() {
        MeterRegistry registry = instruments.registry();
        for (Meter meter : registry.getMeters()) {
            if (meter.getId().getName().startsWith(Instruments.PREFIX)) {
                registry.remove(meter);
            }
        }
    }

    /** The state gauges show this sample until the next ({@link MetricsSampler}). */
    public void sampled(ServerSample sample) {
        state.update(sample);
    }

    /** Issue 23: attendees on this router and what crossed its cascade links, until the next sample. */
    public void webinarsSampled(int attendees, java.util.Map<MediaType, org.confero.media.api.CascadeTraffic> cascade) {
        webinars.update(new WebinarGauges.Sample(attendees, cascade));
    }

    /** The cascade counters the gauges show now (the relay's last sample). */
    public java.util.Map<MediaType, org.confero.media.api.CascadeTraffic> lastCascadeTraffic() {
        return webinars.sample().cascade();
    }

    /** The sample the gauges show now. */
    public ServerSample lastSample() {
        return state.sample();
    }

    public void assigned(String policy, String chosenRouter, boolean overflow) {
        instruments.assigned(policy, chosenRouter, overflow);
    }

    public void routerFailedOver(String failedRouter) {
        instruments.routerFailedOver(failedRouter);
    }

    public void chatMessage(String kind) {
        instruments.chatMessage(kind);
    }

    public void passcodeFailure() {
        instruments.passcodeFailure();
    }

    public void authenticationFailure() {
        instruments.authenticationFailure();
    }

    public void backupSucceeded(Instant finishedAt, Duration took) {
        instruments.backupSucceeded(finishedAt, took);
    }

    public void backupFailed() {
        instruments.backupFailed();
    }

    public void joinPhase(String phase, double seconds) {
        instruments.joinPhase(phase, seconds);
    }

    public void quality(MediaType type, double lossRatio, double jitterMs, double rttMs) {
        instruments.quality(type, lossRatio, jitterMs, rttMs);
    }
}
