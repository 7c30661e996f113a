package org.confero.control;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.infinispan.Cache;

/**
 * A room's mirror on the cluster: seats in the replicated {@code sessions} cache (key meeting/participant), events
 * through {@link RoomEvents}. Seat writes are synchronous (a resume elsewhere must find the seat as it is); events are
 * published without waiting, so a room never holds its lock across a round trip to another server.
 */
final class ClusterRoomMirror implements RoomMirror {

    private final String meetingId;
    private final String node;
    private final Cache<String, String> seats;
    private final RoomEvents events;
    private final Clock clock;

    ClusterRoomMirror(String meetingId, String node, Cache<String, String> seats, RoomEvents events, Clock clock) {
        this.meetingId = meetingId;
        this.node = node;
        this.seats = seats;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void seat(SeatRecord seat) {
        SeatRecord here = seat.on(node, clock.instant());
        seats.put(here.key(), here.encode());
    }

    /** Conditional: a seat another router adopted meanwhile is that router's to free. */
    @Override
    public boolean vacate(String participantId) {
        String key = SeatRecord.key(meetingId, participantId);
        String held = seats.get(key);
        Optional<SeatRecord> seat = SeatRecord.read(held);
        if (seat.isPresent() && !seat.get().node().equals(node)) {
            return false;
        }
        return held == null || seats.remove(key, held) || vacate(participantId);
    }

    @Override
    public void publish(String json) {
        events.publish(meetingId, json);
    }

    @Override
    public List<SeatRecord> elsewhere() {
        return seatsOf(seats, meetingId).stream().filter(s -> !s.node().equals(node)).toList();
    }

    /** Every seat of the meeting, on any router. */
    static List<SeatRecord> seatsOf(Cache<String, String> seats, String meetingId) {
        String prefix = meetingId + "/";
        List<SeatRecord> found = new ArrayList<>();
        for (var entry : seats.entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                SeatRecord.read(entry.getValue()).ifPresent(found::add);
            }
        }
        return found;
    }
}
