package org.confero.quality;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.confero.common.ServerIdentity;
import org.confero.control.ControlRooms;
import org.confero.protocol.rest.ParticipantsView.ParticipantView;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes this router's rows of the participants view to the cluster every {@code confero.quality.publish.ms} (issue
 * 22), so that any server — a {@code web} server of a domain too — answers {@code GET
 * /api/v1/meetings/{id}/participants} with every router's participants. Only servers playing {@code mmr} publish. The
 * timer is not persistent: rows are live state, and a router that is down has none.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ParticipantsPublisher {

    private static final Logger LOG = Logger.getLogger(ParticipantsPublisher.class);

    @EJB
    private CallQuality quality;

    @EJB
    private ControlRooms rooms;

    @EJB
    private ClusterParticipants cluster;

    @Inject
    private ServerIdentity identity;

    @Resource
    private TimerService timers;

    @Inject
    @ConfigProperty(name = "confero.quality.publish.ms", defaultValue = "2000")
    long publishMillis;

    private RowPublisher publisher;

    /** How long a published row lives without being written again: several periods, at least 10 s. */
    static Duration lifespan(long publishMillis) {
        return Duration.ofMillis(Math.max(10_000, 5 * publishMillis));
    }

    @PostConstruct
    void start() {
        if (!identity.plays("mmr")) {
            return;
        }
        // EJB calls go through public business methods: the store is the cluster bean's two, not a view of its cache.
        RowPublisher.Store store = new RowPublisher.Store() {
            @Override
            public void put(String key, String value, Duration lifespan) {
                cluster.put(key, value, lifespan);
            }

            @Override
            public void remove(String key) {
                cluster.removeRow(key);
            }
        };
        publisher = new RowPublisher(store, lifespan(publishMillis), Clock.systemUTC());
        long every = Math.max(200, publishMillis);
        timers.createIntervalTimer(every, every, new TimerConfig("participants view publish", false));
    }

    @Timeout
    void publish() {
        // One timer, and Timeout callbacks of a singleton's timer do not overlap with each other here: the lock only
        // keeps a slow cache from letting the next tick run into this one.
        synchronized (this) {
            Map<String, List<ParticipantView>> rows = new LinkedHashMap<>();
            for (String meetingId : rooms.meetingsWithParticipantsPresent()) {
                rows.put(meetingId, quality.localRows(meetingId));
            }
            try {
                publisher.publish(rows);
            } catch (RuntimeException e) {
                // The cache is unavailable for a moment (a view change): the next tick writes what changed.
                LOG.debugf("Publishing the participants view failed: %s", e.toString());
            }
        }
    }
}
