package org.confero.limits;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How often each {@link Limit} refused something on this server since it started: what tells an operator whether a
 * limit is hit (an attack, or a setting too low for real use). One counter per limit, so it never grows; counted from
 * any thread without a lock.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Refusals {

    // Filled once for every limit and never changed after: reads and increments need no lock.
    private final Map<Limit, LongAdder> counts;

    public Refusals() {
        Map<Limit, LongAdder> all = new EnumMap<>(Limit.class);
        for (Limit limit : Limit.values()) {
            all.put(limit, new LongAdder());
        }
        counts = Collections.unmodifiableMap(all);
    }

    public void refused(Limit limit) {
        counts.get(limit).increment();
    }

    public long count(Limit limit) {
        return counts.get(limit).sum();
    }

    /** Every limit's count, in the order of {@link Limit}. */
    public Map<Limit, Long> all() {
        Map<Limit, Long> snapshot = new EnumMap<>(Limit.class);
        counts.forEach((limit, count) -> snapshot.put(limit, count.sum()));
        return snapshot;
    }
}
