package org.confero.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;

import java.util.List;

import org.confero.cascade.CascadeLinks;
import org.confero.control.ControlRooms;
import org.confero.media.api.MediaConnection;
import org.confero.mmr.LocalRelay;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Samples this server's state for the gauges every {@code confero.metrics.sample.ms}: the rooms' census, the cascade
 * links, and the relay's counters and bindings (through its connection factory, like every other reader of the relay).
 * A scrape then reads the last sample and never waits on the relay or a room's lock. The timer is not persistent: a
 * sample missed while the server was down has nothing to say.
 */
@Singleton
@Startup
@DependsOn("ConferoMeters")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MetricsSampler {

    @EJB
    private ConferoMeters meters;

    @EJB
    private ControlRooms rooms;

    @EJB
    private CascadeLinks cascade;

    @Resource
    private TimerService timers;

    @Inject
    @ConfigProperty(name = "confero.metrics.sample.ms", defaultValue = "2000")
    long sampleMillis;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(0, Math.max(200, sampleMillis), new TimerConfig("metrics sample", false));
    }

    @Timeout
    void sample() {
        ControlRooms.Census census = rooms.census();
        int links = cascade.current().values().stream().mapToInt(List::size).sum();
        ServerSample previous = meters.lastSample();
        int attendees = rooms.attendeesPresent();
        try (MediaConnection relay = LocalRelay.connect()) {
            meters.sampled(new ServerSample(census.meetings(), census.participants(), links, true, relay.bindings(),
                    relay.statisticsByMediaType(), relay.statistics()));
            meters.webinarsSampled(attendees, relay.cascadeTraffic());
        } catch (LocalRelay.Unavailable | RuntimeException e) {
            meters.webinarsSampled(attendees, meters.lastCascadeTraffic()); // the counters keep their last values
            // No relay here now: no bindings, and the relay's counters keep their last values.
            meters.sampled(new ServerSample(census.meetings(), census.participants(), links, false, List.of(),
                    previous.byMediaType(), previous.relay()));
        }
    }
}
