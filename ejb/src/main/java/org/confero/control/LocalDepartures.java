package org.confero.control;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Departures of one router's meeting kept in memory (unit tests, a room without a cluster). At most {@code capacity}
 * records, each for {@code lifetime}; the oldest go first.
 */
public final class LocalDepartures implements Departures {

    private final ExpiringRecords<Kind> records;

    public LocalDepartures(Duration lifetime, int capacity, Clock clock) {
        this.records = new ExpiringRecords<>(lifetime, capacity, clock);
    }

    @Override
    public synchronized void record(String participantId, Optional<String> account, Kind kind) {
        records.put(participantKey(participantId), kind);
        if (kind == Kind.REMOVED) {
            account.ifPresent(a -> records.put(accountKey(a), kind));
        }
    }

    @Override
    public synchronized Optional<Kind> of(String participantId, Optional<String> account) {
        Kind byParticipant = records.get(participantKey(participantId));
        if (byParticipant != null) {
            return Optional.of(byParticipant);
        }
        return account.map(a -> records.get(accountKey(a)));
    }

    @Override
    public synchronized void forgive(String participantId, Optional<String> account) {
        records.remove(participantKey(participantId));
        account.ifPresent(a -> records.remove(accountKey(a)));
    }

    synchronized int size() {
        return records.size();
    }

    static String participantKey(String participantId) {
        return "p/" + participantId;
    }

    static String accountKey(String account) {
        return "a/" + account;
    }
}
