package org.confero.router;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import java.util.Map;

import org.confero.common.ServerIdentity;
import org.confero.cluster.ClusterCaches;
import org.confero.media.api.MediaConnection;
import org.confero.mmr.LocalRelay;
import org.infinispan.Cache;
import org.jboss.logging.Logger;

/**
 * The router's side of placement (role {@code mmr}): every meeting placed on this node is opened on the local relay, so
 * that participants with media credentials can bind. Meetings already placed here when the server starts are opened
 * too.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RelayMeetings {

    @Inject
    private ServerIdentity identity;

    private static final Logger LOG = Logger.getLogger(RelayMeetings.class);

    @Resource(lookup = ClusterCaches.JNDI_PREFIX + ClusterCaches.PLACEMENTS)
    private Cache<String, String> placements;

    private PlacementWatcher watcher;

    @PostConstruct
    void watch() {
        if (!identity.plays("mmr")) {
            return;
        }
        watcher = new PlacementWatcher(identity.node(), this::open, this::close);
        placements.addListener(watcher);
        for (Map.Entry<String, String> entry : placements.entrySet()) {
            if (MeetingPlacements.nodes(entry.getValue()).contains(identity.node())) {
                open(entry.getKey());
            }
        }
    }

    @PreDestroy
    void unwatch() {
        if (watcher != null) {
            placements.removeListener(watcher);
        }
    }

    /**
     * The meeting's placement went (the meeting ended, or a network test's placement expired): it closes on this
     * router's relay too — on every router that carried it, not only the one where the end was handled. Idempotent.
     */
    void close(String meetingId) {
        try (MediaConnection relay = LocalRelay.connect()) {
            relay.closeMeeting(meetingId);
        } catch (LocalRelay.Unavailable | IllegalStateException e) {
            LOG.debugf("Meeting %s not closed on the relay: %s", meetingId, e.getMessage());
        }
    }

    /** Opens the meeting on this server's relay; idempotent. */
    public void open(String meetingId) {
        try (MediaConnection relay = LocalRelay.connect()) {
            relay.openMeeting(meetingId);
        } catch (LocalRelay.Unavailable | IllegalStateException e) {
            // The relay is down (the health check says so); clients will fall back to other transports or retry.
            LOG.warnf("Meeting %s placed here but not opened on the relay: %s", meetingId, e.getMessage());
        }
    }
}
