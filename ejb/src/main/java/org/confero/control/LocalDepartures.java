package org.confero.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Departures of one router's meeting kept in memory (unit tests, a room without a cluster). At most {@code capacity}
 * records, each for {@code lifetime}; the oldest go first.
 */
public final class LocalDepartures implements Departures {

    private record Record(Kind kind, Instant until) {
    }

    private final Map<String, Record> records = new LinkedHashMap<>();
    private final Duration lifetime;
    private final int capacity;
    private final Clock clock;

    public LocalDepartures(Duration lifetime, int capacity, Clock clock) {
        this.lifetime = lifetime;
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public synchronized void record(String participantId, Optional<String> account, Kind kind) {
        Instant until = clock.instant().plus(lifetime);
        put(participantKey(participantId), new Record(kind, until));
        if (kind == Kind.REMOVED) {
            account.ifPresent(a -> put(accountKey(a), new Record(kind, until)));
        }
    }

    @Override
    public synchronized Optional<Kind> of(String participantId, Optional<String> account) {
        prune();
        Record byParticipant = records.get(participantKey(participantId));
        if (byParticipant != null) {
            return Optional.of(byParticipant.kind());
        }
        return account.map(a -> records.get(accountKey(a))).map(Record::kind);
    }

    @Override
    public synchronized void forgive(String participantId, Optional<String> account) {
        records.remove(participantKey(participantId));
        account.ifPresent(a -> records.remove(accountKey(a)));
    }

    synchronized int size() {
        prune();
        return records.size();
    }

    private void put(String key, Record record) {
        records.remove(key);
        records.put(key, record);
        prune();
        while (records.size() > capacity) {
            Iterator<String> oldest = records.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private void prune() {
        Instant now = clock.instant();
        records.values().removeIf(r -> !r.until().isAfter(now));
    }

    static String participantKey(String participantId) {
        return "p/" + participantId;
    }

    static String accountKey(String account) {
        return "a/" + account;
    }
}
