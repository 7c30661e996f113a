package org.confero.quality;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest quality report of each participant, bounded: at most {@code maxParticipants} entries (the least recently
 * reporting one goes first), and a participant's reports closer together than {@code minInterval} are ignored, so that
 * no client can flood the metrics' histograms or grow the map. Keys are the server-side identity of a control
 * connection (meeting and participant id the router gave it), never a field of a message.
 */
final class QualityStore {

    /** What is kept of one participant. */
    record Latest(QualityReport report, Instant at) {
    }

    private record Key(String meetingId, String participantId) {
    }

    private static final class Entry {
        Latest latest;
        boolean joinReported;
    }

    private final int maxParticipants;
    private final Duration minInterval;
    private final Clock clock;
    private final LinkedHashMap<Key, Entry> entries;

    QualityStore(int maxParticipants, Duration minInterval, Clock clock) {
        if (maxParticipants < 1) {
            throw new IllegalArgumentException("confero.quality.max.participants must be at least 1");
        }
        this.maxParticipants = maxParticipants;
        this.minInterval = minInterval;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > QualityStore.this.maxParticipants;
            }
        };
    }

    /** Keeps the report unless the participant's previous one is too recent; true when kept. */
    synchronized boolean offer(String meetingId, String participantId, QualityReport report) {
        Instant now = clock.instant();
        Entry entry = entries.computeIfAbsent(new Key(meetingId, participantId), k -> new Entry());
        if (entry.latest != null && Duration.between(entry.latest.at(), now).compareTo(minInterval) < 0) {
            return false;
        }
        entry.latest = new Latest(report, now);
        return true;
    }

    /** True the first time only: a participant's join phases count once per join. */
    synchronized boolean firstJoinReport(String meetingId, String participantId) {
        Entry entry = entries.computeIfAbsent(new Key(meetingId, participantId), k -> new Entry());
        if (entry.joinReported) {
            return false;
        }
        entry.joinReported = true;
        return true;
    }

    synchronized Optional<Latest> latest(String meetingId, String participantId) {
        Entry entry = entries.get(new Key(meetingId, participantId));
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.latest);
    }

    /** Forgets a participant that left (its reports describe a call that is over). */
    synchronized void forget(String meetingId, String participantId) {
        entries.remove(new Key(meetingId, participantId));
    }

    synchronized int size() {
        return entries.size();
    }
}
