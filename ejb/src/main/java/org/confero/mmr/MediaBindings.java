package org.confero.mmr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.confero.media.api.RelayEvent;
import org.confero.mmr.api.MediaConnectionView;
import org.confero.protocol.media.CascadeLink;
import org.confero.protocol.media.MediaType;

/**
 * Bound connections per meeting, folded from relay events. Plain Java and thread-safe.
 *
 * <p>
 * Events for one participant and media type arrive in the relay's order only per delivery thread, so a LEFT that
 * overtakes its BOUND must not be undone: each record carries the time of the event that made it, and older events do
 * not replace newer ones. A LEFT (or CONSENT_LOST) therefore leaves a tombstone with its time, kept for
 * {@link #TOMBSTONE_LIFETIME} — far longer than events are ever reordered — and then forgotten on the next
 * {@link #apply} to its meeting or the next count; a meeting goes with its last record. Nothing is kept for ever (issue
 * 18: every network test and every participant that ever bound used to stay, and the heartbeat scans them all).
 */
final class MediaBindings {

    static final Duration TOMBSTONE_LIFETIME = Duration.ofSeconds(30);

    private record Key(String participantId, MediaType mediaType) {
    }

    /** What the latest event said about one participant's connection of one media type. */
    private sealed interface Entry permits Bound, Left {
        Instant eventAt();
    }

    private record Bound(MediaConnectionView view) implements Entry {
        @Override
        public Instant eventAt() {
            return view.boundAt();
        }
    }

    /** A tombstone: the connection left at {@code eventAt}; forgotten at {@code forgetAt} (this server's clock). */
    private record Left(Instant eventAt, Instant forgetAt) implements Entry {
    }

    private final Clock clock;
    /**
     * Every change of a meeting's records happens inside {@code compute} on this map, so an emptied meeting is removed
     * atomically with respect to concurrent events for it.
     */
    private final Map<String, Map<Key, Entry>> meetings = new ConcurrentHashMap<>();

    MediaBindings() {
        this(Clock.systemUTC());
    }

    MediaBindings(Clock clock) {
        this.clock = clock;
    }

    void apply(RelayEvent event) {
        Instant now = clock.instant();
        Key key = new Key(event.participantId(), event.mediaType());
        Entry incoming = event.kind() == RelayEvent.Kind.BOUND
                ? new Bound(new MediaConnectionView(event.participantId(), event.mediaType(), event.transport(),
                        event.remote(), event.at()))
                : new Left(event.at(), now.plus(TOMBSTONE_LIFETIME));
        meetings.compute(event.meetingId(), (id, records) -> {
            Map<Key, Entry> meeting = records == null ? new ConcurrentHashMap<>() : records;
            meeting.merge(key, incoming,
                    (current, next) -> next.eventAt().isBefore(current.eventAt()) ? current : next);
            return withoutExpiredTombstones(meeting, now);
        });
    }

    int participantCount() {
        forgetExpiredTombstones();
        int count = 0;
        for (Map<Key, Entry> meeting : meetings.values()) {
            count += (int) meeting.entrySet().stream().filter(e -> e.getValue() instanceof Bound)
                    .map(e -> e.getKey().participantId())
                    // Another router's cascade link is not a participant: it must not fill this router's capacity.
                    .filter(id -> !CascadeLink.isLink(id)).distinct().count();
        }
        return count;
    }

    int meetingCount() {
        forgetExpiredTombstones();
        return (int) meetings.values().stream().filter(m -> m.values().stream().anyMatch(Bound.class::isInstance))
                .count();
    }

    List<MediaConnectionView> ofMeeting(String meetingId) {
        Map<Key, Entry> meeting = meetings.getOrDefault(meetingId, Map.of());
        return meeting
                .values().stream().filter(Bound.class::isInstance).map(e -> ((Bound) e).view()).sorted(Comparator
                        .comparing(MediaConnectionView::participantId).thenComparing(MediaConnectionView::mediaType))
                .toList();
    }

    /** Records kept, tombstones included: what a test checks returns to its baseline once connections have left. */
    int size() {
        forgetExpiredTombstones();
        return meetings.values().stream().mapToInt(Map::size).sum();
    }

    private void forgetExpiredTombstones() {
        Instant now = clock.instant();
        for (String meetingId : meetings.keySet()) {
            meetings.computeIfPresent(meetingId, (id, meeting) -> withoutExpiredTombstones(meeting, now));
        }
    }

    /** Null (the meeting is removed) when nothing is left. */
    private static Map<Key, Entry> withoutExpiredTombstones(Map<Key, Entry> meeting, Instant now) {
        meeting.values().removeIf(e -> e instanceof Left left && !now.isBefore(left.forgetAt()));
        return meeting.isEmpty() ? null : meeting;
    }
}
