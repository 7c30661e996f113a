package org.confero.control;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Promotions of one router's webinar kept in memory (unit tests, a room without a cluster). At most {@code capacity}
 * records, each for {@code lifetime}; the oldest go first. Passes are kept as their digests ({@link StagePasses}).
 */
public final class LocalPromotions implements Promotions {

    private final ExpiringRecords<Boolean> records;

    public LocalPromotions(Duration lifetime, int capacity, Clock clock) {
        this.records = new ExpiringRecords<>(lifetime, capacity, clock);
    }

    @Override
    public synchronized void record(Optional<String> account, String stagePass) {
        account.ifPresent(a -> records.put(StagePasses.accountKey(a), Boolean.TRUE));
        records.put(StagePasses.passKey(stagePass), Boolean.TRUE);
    }

    @Override
    public synchronized boolean holds(Optional<String> account, Optional<String> stagePass) {
        return account.map(a -> records.contains(StagePasses.accountKey(a))).orElse(false) || stagePass
                .filter(StagePasses::plausible).map(p -> records.contains(StagePasses.passKey(p))).orElse(false);
    }

    @Override
    public synchronized void revoke(Optional<String> account, Optional<String> stagePass) {
        account.ifPresent(a -> records.remove(StagePasses.accountKey(a)));
        stagePass.filter(StagePasses::plausible).ifPresent(p -> records.remove(StagePasses.passKey(p)));
    }
}
