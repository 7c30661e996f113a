package org.confero.control;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.infinispan.Cache;

/**
 * A webinar's promotions in the replicated {@code sessions} cache, so that a promoted attendee who joins again on any
 * router of the webinar is a panelist there. Keys {@code promoted/<meeting>/a/<account>} and
 * {@code promoted/<meeting>/s/<digest of the pass>} (never of the form {@code <meeting>/…} that seats use); the cache
 * expires them after {@code lifetime}, the longest a webinar runs.
 */
final class ClusterPromotions implements Promotions {

    private static final String PREFIX = "promoted/";

    private final String meetingId;
    private final Cache<String, String> cache;
    private final Duration lifetime;

    ClusterPromotions(String meetingId, Cache<String, String> cache, Duration lifetime) {
        this.meetingId = meetingId;
        this.cache = cache;
        this.lifetime = lifetime;
    }

    @Override
    public void record(Optional<String> account, String stagePass) {
        account.ifPresent(a -> put(StagePasses.accountKey(a)));
        put(StagePasses.passKey(stagePass));
    }

    @Override
    public boolean holds(Optional<String> account, Optional<String> stagePass) {
        return account.map(a -> cache.containsKey(key(StagePasses.accountKey(a)))).orElse(false) || stagePass
                .filter(StagePasses::plausible).map(p -> cache.containsKey(key(StagePasses.passKey(p)))).orElse(false);
    }

    @Override
    public void revoke(Optional<String> account, Optional<String> stagePass) {
        account.ifPresent(a -> cache.remove(key(StagePasses.accountKey(a))));
        stagePass.filter(StagePasses::plausible).ifPresent(p -> cache.remove(key(StagePasses.passKey(p))));
    }

    private void put(String suffix) {
        cache.put(key(suffix), "panelist", lifetime.toMillis(), TimeUnit.MILLISECONDS);
    }

    private String key(String suffix) {
        return PREFIX + meetingId + "/" + suffix;
    }
}
