package org.confero.control;

import java.util.List;

/**
 * What one router's room shares with the other routers that carry the same meeting: its participants' seats (for their
 * rosters, and to resume elsewhere) and the events its participants cause (roster changes, chat, the end), which the
 * other routers hand to their own participants.
 */
public interface RoomMirror {

    /** Writes (or rewrites) a seat held by this router; the mirror sets the router's name. */
    void seat(SeatRecord seat);

    /**
     * The participant left this router: its seat is freed if this router still holds it. False when another router
     * holds it now (the participant resumed there), which keeps it.
     */
    boolean vacate(String participantId);

    /** A message for every participant of the meeting on the other routers. Must not block for long. */
    void publish(String json);

    /** Seats of this meeting held by other routers. */
    List<SeatRecord> elsewhere();

    /** A meeting on one router only (unit tests, a single server). */
    RoomMirror NONE = new RoomMirror() {
        @Override
        public void seat(SeatRecord seat) {
        }

        @Override
        public boolean vacate(String participantId) {
            return true;
        }

        @Override
        public void publish(String json) {
        }

        @Override
        public List<SeatRecord> elsewhere() {
            return List.of();
        }
    };
}
