package org.confero.router;

import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryExpired;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryRemoved;
import org.infinispan.notifications.cachelistener.event.CacheEntryExpiredEvent;
import org.infinispan.notifications.cachelistener.event.CacheEntryRemovedEvent;
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
    private final Consumer<String> close;

    /** {@code close}: the placement went (removed, or expired — network tests), so the meeting can close here. */
    public PlacementWatcher(String node, Consumer<String> open, Consumer<String> close) {
        this.node = node;
        this.open = open;
        this.close = close;
    }

    @CacheEntryCreated
    public void created(CacheEntryEvent<String, String> event) {
        placed(event);
    }

    @CacheEntryModified
    public void modified(CacheEntryEvent<String, String> event) {
        placed(event);
    }

    @CacheEntryRemoved
    public void removed(CacheEntryRemovedEvent<String, String> event) {
        gone(event.getKey(), event.getOldValue());
    }

    @CacheEntryExpired
    public void expired(CacheEntryExpiredEvent<String, String> event) {
        gone(event.getKey(), event.getValue());
    }

    private void gone(String meeting, String nodes) {
        if (nodes != null && MeetingPlacements.nodes(nodes).contains(node)) {
            close.accept(meeting);
        }
    }

    private void placed(CacheEntryEvent<String, String> event) {
        String nodes = event.getValue();
        if (nodes != null && MeetingPlacements.nodes(nodes).contains(node)) {
            open.accept(event.getKey());
        }
    }
}
