package org.confero.control;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.infinispan.Cache;

/**
 * A meeting's departures in the replicated {@code sessions} cache, so that a participant who left or was removed on one
 * router is known as such on every router of the meeting. Keys {@code departed/<meeting>/p/<participant>} and
 * {@code departed/<meeting>/a/<account>} (never of the form {@code <meeting>/…} that seats use); the cache expires
 * them: a participant's record with its join token, an account's after {@code accountLifetime}.
 */
final class ClusterDepartures implements Departures {

    private static final String PREFIX = "departed/";

    private final String meetingId;
    private final Cache<String, String> cache;
    private final Duration participantLifetime;
    private final Duration accountLifetime;

    ClusterDepartures(String meetingId, Cache<String, String> cache, Duration participantLifetime,
            Duration accountLifetime) {
        this.meetingId = meetingId;
        this.cache = cache;
        this.participantLifetime = participantLifetime;
        this.accountLifetime = accountLifetime;
    }

    @Override
    public void record(String participantId, Optional<String> account, Kind kind) {
        cache.put(key(LocalDepartures.participantKey(participantId)), kind.name(), participantLifetime.toMillis(),
                TimeUnit.MILLISECONDS);
        if (kind == Kind.REMOVED) {
            account.ifPresent(a -> cache.put(key(LocalDepartures.accountKey(a)), kind.name(),
                    accountLifetime.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    @Override
    public Optional<Kind> of(String participantId, Optional<String> account) {
        Optional<Kind> byParticipant = kind(cache.get(key(LocalDepartures.participantKey(participantId))));
        if (byParticipant.isPresent()) {
            return byParticipant;
        }
        return account.flatMap(a -> kind(cache.get(key(LocalDepartures.accountKey(a)))));
    }

    @Override
    public void forgive(String participantId, Optional<String> account) {
        cache.remove(key(LocalDepartures.participantKey(participantId)));
        account.ifPresent(a -> cache.remove(key(LocalDepartures.accountKey(a))));
    }

    /** True for the keys of departure records, which seat scans skip. */
    static boolean isDepartureKey(String key) {
        return key.startsWith(PREFIX);
    }

    private String key(String suffix) {
        return PREFIX + meetingId + "/" + suffix;
    }

    private static Optional<Kind> kind(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Kind.valueOf(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not ours: written by a later version, say
        }
    }
}
