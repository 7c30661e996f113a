package org.confero.quality;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.confero.protocol.rest.ParticipantsView.ParticipantView;

/**
 * What one router keeps in the replicated {@code participants} cache (issue 22): the rows of the participants present
 * on it, and nothing else. Called with each meeting's current rows every publish period; writes a row when it changed
 * or when its last write is a third of {@code lifespan} old (so that it never expires while the participant is here),
 * removes the rows of participants who are no longer here, and forgets meetings without any. Entries carry
 * {@code lifespan}, so a router that dies leaves nothing behind for longer than that. Holds one entry per participant
 * present on this router: bounded by the router's capacity. Not thread-safe: the publisher's timer calls it.
 */
final class RowPublisher {

    /** Where rows go: the replicated cache, with a lifespan per entry. */
    interface Store {
        void put(String key, String value, Duration lifespan);

        void remove(String key);
    }

    private record Written(String content, Instant at) {
    }

    private final Store store;
    private final Duration lifespan;
    private final Clock clock;
    /** Meeting → participant id → what was written for it last. */
    private final Map<String, Map<String, Written>> written = new HashMap<>();

    RowPublisher(Store store, Duration lifespan, Clock clock) {
        this.store = store;
        this.lifespan = lifespan;
        this.clock = clock;
    }

    /** The rows of every meeting with participants here now; meetings absent from {@code rows} have none left. */
    void publish(Map<String, List<ParticipantView>> rows) {
        Instant now = clock.instant();
        for (Map.Entry<String, List<ParticipantView>> meeting : rows.entrySet()) {
            Map<String, Written> before = written.computeIfAbsent(meeting.getKey(), m -> new HashMap<>());
            Set<String> present = new HashSet<>();
            for (ParticipantView row : meeting.getValue()) {
                present.add(row.id());
                // Compared without publishedAt, which changes on every write.
                String content = new ParticipantRecord(meeting.getKey(), row, Instant.EPOCH).encode();
                Written last = before.get(row.id());
                if (last == null || !last.content().equals(content)
                        || !now.isBefore(last.at().plus(lifespan.dividedBy(3)))) {
                    store.put(ParticipantRecord.key(meeting.getKey(), row.id()),
                            new ParticipantRecord(meeting.getKey(), row, now).encode(), lifespan);
                    before.put(row.id(), new Written(content, now));
                }
            }
            removeAllBut(meeting.getKey(), before, present);
        }
        for (String gone : Set.copyOf(written.keySet())) {
            if (!rows.containsKey(gone)) {
                removeAllBut(gone, written.get(gone), Set.of());
            }
        }
    }

    /** Entries this publisher holds (for tests and the bound). */
    int size() {
        return written.values().stream().mapToInt(Map::size).sum();
    }

    private void removeAllBut(String meetingId, Map<String, Written> before, Set<String> present) {
        before.keySet().removeIf(id -> {
            if (present.contains(id)) {
                return false;
            }
            store.remove(ParticipantRecord.key(meetingId, id));
            return true;
        });
        if (before.isEmpty()) {
            written.remove(meetingId);
        }
    }
}
