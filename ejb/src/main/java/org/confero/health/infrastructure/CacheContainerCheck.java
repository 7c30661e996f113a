package org.confero.health.infrastructure;

import java.util.List;

import org.confero.health.api.CheckResult;
import org.confero.health.DependencyCheck;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * The {@code confero} cache container and the replicated caches that hold cluster state. Only the container's exported
 * API is used ({@code isRunning}, members): the status enums live in a package WildFly keeps private.
 */
public final class CacheContainerCheck implements DependencyCheck {

    private final EmbeddedCacheManager container;
    private final List<String> requiredCaches;

    public CacheContainerCheck(EmbeddedCacheManager container, List<String> requiredCaches) {
        this.container = container;
        this.requiredCaches = List.copyOf(requiredCaches);
    }

    @Override
    public String name() {
        return "cache";
    }

    @Override
    public CheckResult probe() {
        List<String> stopped = requiredCaches.stream().filter(cache -> !container.isRunning(cache)).toList();
        if (!stopped.isEmpty()) {
            return CheckResult.down(name(), "caches not running: " + String.join(", ", stopped));
        }
        var members = container.getMembers();
        int size = members == null ? 1 : members.size();
        return CheckResult.up(name(), requiredCaches.size() + " caches running, cluster of " + size);
    }
}
