package org.confero.presence;

/** Told when a user's presence changes as this server sees it; the web tier pushes it to its connections. */
@FunctionalInterface
public interface PresenceWatcher {

    void changed(String username, PresenceStatus status);
}
