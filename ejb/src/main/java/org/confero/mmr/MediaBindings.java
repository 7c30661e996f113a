package org.confero.mmr;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.confero.media.api.RelayEvent;
import org.confero.mmr.api.MediaConnectionView;
import org.confero.protocol.media.MediaType;

/**
 * Bound connections per meeting, folded from relay events. Plain Java and thread-safe; events for one participant and
 * media type arrive in the relay's order only per delivery thread, so a LEFT that overtakes its BOUND is not undone:
 * each record carries the time of the event that made it, and older events do not replace newer ones.
 */
final class MediaBindings {

    private record Key(String participantId, MediaType mediaType) {
    }

    private final Map<String, Map<Key, Entry>> meetings = new ConcurrentHashMap<>();

    private record Entry(MediaConnectionView view, boolean bound) {
    }

    void apply(RelayEvent event) {
        Key key = new Key(event.participantId(), event.mediaType());
        Map<Key, Entry> meeting = meetings.computeIfAbsent(event.meetingId(), id -> new ConcurrentHashMap<>());
        Entry next = new Entry(new MediaConnectionView(event.participantId(), event.mediaType(), event.transport(),
                event.remote(), event.at()), event.kind() == RelayEvent.Kind.BOUND);
        meeting.merge(key, next, (current, incoming) -> incoming.view().boundAt().isBefore(current.view().boundAt())
                ? current : incoming);
    }

    int participantCount() {
        int count = 0;
        for (Map<Key, Entry> meeting : meetings.values()) {
            count += (int) meeting.entrySet().stream().filter(e -> e.getValue().bound())
                    .map(e -> e.getKey().participantId())
                    // Another router's cascade link is not a participant: it must not fill this router's capacity.
                    .filter(id -> !org.confero.protocol.media.CascadeLink.isLink(id)).distinct().count();
        }
        return count;
    }

    int meetingCount() {
        return (int) meetings.values().stream().filter(m -> m.values().stream().anyMatch(Entry::bound)).count();
    }

    List<MediaConnectionView> ofMeeting(String meetingId) {
        Map<Key, Entry> meeting = meetings.getOrDefault(meetingId, Map.of());
        return meeting
                .values().stream().filter(Entry::bound).map(Entry::view).sorted(Comparator
                        .comparing(MediaConnectionView::participantId).thenComparing(MediaConnectionView::mediaType))
                .toList();
    }
}
