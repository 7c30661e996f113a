package org.confero.cascade;

import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryExpired;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryRemoved;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;

/**
 * Any change of a placement (a meeting overflowed to another router, moved after a failover, ended) triggers a
 * reconciliation of the cascade links at once, on another thread: the listener must not block the cache.
 */
@Listener(sync = false, primaryOnly = false, observation = Listener.Observation.POST)
public final class PlacementChanges {

    private final Runnable reconcile;

    PlacementChanges(Runnable reconcile) {
        this.reconcile = reconcile;
    }

    @CacheEntryCreated
    @CacheEntryModified
    @CacheEntryRemoved
    @CacheEntryExpired
    public void changed(CacheEntryEvent<String, String> event) {
        reconcile.run();
    }
}
