package org.confero.router;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.confero.zone.ranking.ZoneLoad;

/** Sums fresh router heartbeats per zone; a draining router counts as not healthy (it takes no new meetings). */
public final class ZoneLoads {

    private ZoneLoads() {
    }

    public static Map<String, ZoneLoad> of(Collection<RouterLoad> routers, Instant now, Duration maxAge) {
        Map<String, ZoneLoad> loads = new HashMap<>();
        for (RouterLoad router : routers) {
            if (!router.isFresh(now, maxAge) || router.draining()) {
                continue;
            }
            loads.merge(router.zone(), new ZoneLoad(router.participants(), router.capacity(), 1),
                    (a, b) -> new ZoneLoad(a.participants() + b.participants(), a.capacity() + b.capacity(),
                            a.healthyRouters() + b.healthyRouters()));
        }
        return loads;
    }
}
