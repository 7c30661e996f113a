package org.confero.router;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.confero.cluster.ClusterCaches;
import org.confero.zone.ranking.ZoneLoad;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.infinispan.Cache;
import org.jboss.logging.Logger;

/**
 * Router heartbeats in the replicated {@code routers} cache. Each entry lives {@code confero.router.stale.seconds}
 * (cache lifespan), and readers also ignore older heartbeats, so a router that died drops out within that time even if
 * the cache has not expired it yet.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RouterRegistry {

    private static final Logger LOG = Logger.getLogger(RouterRegistry.class);

    @Resource(lookup = ClusterCaches.JNDI_PREFIX + ClusterCaches.ROUTERS)
    private Cache<String, String> routers;

    @Inject
    @ConfigProperty(name = "confero.router.stale.seconds", defaultValue = "6")
    int staleSeconds;

    private final Clock clock = Clock.systemUTC();

    public void heartbeat(RouterLoad load) {
        routers.put(load.node(), load.encode(), staleSeconds, TimeUnit.SECONDS);
    }

    public void remove(String node) {
        routers.remove(node);
    }

    public List<RouterLoad> routers() {
        List<RouterLoad> loads = new ArrayList<>();
        for (String text : routers.values()) {
            try {
                loads.add(RouterLoad.decode(text));
            } catch (IllegalArgumentException e) {
                LOG.debugf("Ignoring an unreadable router record: %s", e.getMessage());
            }
        }
        return loads;
    }

    /** Routers whose last heartbeat is younger than {@code confero.router.stale.seconds}: the live ones. */
    public List<RouterLoad> freshRouters() {
        Instant now = clock.instant();
        return routers().stream().filter(r -> isFresh(r, now)).toList();
    }

    public boolean isFresh(RouterLoad router, Instant now) {
        return router.isFresh(now, Duration.ofSeconds(staleSeconds));
    }

    public Map<String, ZoneLoad> zoneLoads() {
        return ZoneLoads.of(routers(), clock.instant(), Duration.ofSeconds(staleSeconds));
    }
}
