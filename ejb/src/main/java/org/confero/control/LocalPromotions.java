package org.confero.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Promotions of one router's webinar kept in memory (unit tests, a room without a cluster). At most {@code capacity}
 * records, each for {@code lifetime}; the oldest go first. Passes are kept as their digests ({@link StagePasses}).
 */
public final class LocalPromotions implements Promotions {

    private final Map<String, Instant> records = new LinkedHashMap<>();
    private final Duration lifetime;
    private final int capacity;
    private final Clock clock;

    public LocalPromotions(Duration lifetime, int capacity, Clock clock) {
        this.lifetime = lifetime;
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public synchronized void record(Optional<String> account, String stagePass) {
        Instant until = clock.instant().plus(lifetime);
        account.ifPresent(a -> put(StagePasses.accountKey(a), until));
        put(StagePasses.passKey(stagePass), until);
    }

    @Override
    public synchronized boolean holds(Optional<String> account, Optional<String> stagePass) {
        prune();
        return account.map(a -> records.containsKey(StagePasses.accountKey(a))).orElse(false) || stagePass
                .filter(StagePasses::plausible).map(p -> records.containsKey(StagePasses.passKey(p))).orElse(false);
    }

    @Override
    public synchronized void revoke(Optional<String> account, Optional<String> stagePass) {
        account.ifPresent(a -> records.remove(StagePasses.accountKey(a)));
        stagePass.filter(StagePasses::plausible).ifPresent(p -> records.remove(StagePasses.passKey(p)));
    }

    private void put(String key, Instant until) {
        records.remove(key);
        records.put(key, until);
        prune();
        while (records.size() > capacity) {
            Iterator<String> oldest = records.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private void prune() {
        Instant now = clock.instant();
        records.values().removeIf(until -> !until.isAfter(now));
    }
}
