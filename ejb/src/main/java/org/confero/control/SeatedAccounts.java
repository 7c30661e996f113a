package org.confero.control;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The signed-in users who hold an admitted seat on this router, so that each one's presence reads "in a meeting"
 * exactly while it does: a seat counts once however often it is rewritten (mute, reconnect, admission), from admission
 * until this router vacates it. Guests and participants in the waiting room are not counted.
 */
final class SeatedAccounts {

    /** Where the counts go: the cluster's presence. */
    interface Attendance {
        void seated(String account);

        void unseated(String account);
    }

    private final Attendance attendance;
    /** Seat key → the account it counts for. */
    private final Map<String, String> counted = new HashMap<>();

    SeatedAccounts(Attendance attendance) {
        this.attendance = attendance;
    }

    synchronized void written(SeatRecord seat) {
        String now = seat.admitted() ? seat.account().orElse(null) : null;
        String before = now == null ? counted.remove(seat.key()) : counted.put(seat.key(), now);
        if (!Objects.equals(before, now)) {
            Optional.ofNullable(before).ifPresent(attendance::unseated);
            Optional.ofNullable(now).ifPresent(attendance::seated);
        }
    }

    synchronized void vacated(String meetingId, String participantId) {
        Optional.ofNullable(counted.remove(SeatRecord.key(meetingId, participantId))).ifPresent(attendance::unseated);
    }
}
