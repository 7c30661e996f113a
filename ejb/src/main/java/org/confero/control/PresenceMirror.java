package org.confero.control;

import java.util.List;

/**
 * A room's mirror that also keeps its signed-in participants' presence: every seat it writes or vacates is counted in
 * this router's {@link SeatedAccounts} as well as shared through the mirror it wraps.
 */
final class PresenceMirror implements RoomMirror {

    private final RoomMirror shared;
    private final String meetingId;
    private final SeatedAccounts accounts;

    PresenceMirror(RoomMirror shared, String meetingId, SeatedAccounts accounts) {
        this.shared = shared;
        this.meetingId = meetingId;
        this.accounts = accounts;
    }

    @Override
    public void seat(SeatRecord seat) {
        shared.seat(seat);
        accounts.written(seat);
    }

    /** Uncounted here whoever holds the seat now: this router no longer seats the participant either way. */
    @Override
    public boolean vacate(String participantId) {
        boolean freed = shared.vacate(participantId);
        accounts.vacated(meetingId, participantId);
        return freed;
    }

    @Override
    public void publish(String json) {
        shared.publish(json);
    }

    @Override
    public List<SeatRecord> elsewhere() {
        return shared.elsewhere();
    }
}
