package org.confero.router;

import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;

import java.util.function.Consumer;

/**
 * Tells this router when a meeting is placed on it, on whichever server the zone controller ran. Synchronous, so the
 * zone controller's write returns only once every router has seen it: a client handed its media credentials can bind at
 * once.
 */
@Listener(sync = true, primaryOnly = false, observation = Listener.Observation.POST)
public final class PlacementWatcher {

    private final String node;
    private final Consumer<String> open;

    public PlacementWatcher(String node, Consumer<String> open) {
        this.node = node;
        this.open = open;
    }

    @CacheEntryCreated
    public void created(CacheEntryEvent<String, String> event) {
        placed(event);
    }

    @CacheEntryModified
    public void modified(CacheEntryEvent<String, String> event) {
        placed(event);
    }

    private void placed(CacheEntryEvent<String, String> event) {
        String nodes = event.getValue();
        if (nodes != null && MeetingPlacements.nodes(nodes).contains(node)) {
            open.accept(event.getKey());
        }
    }
}
