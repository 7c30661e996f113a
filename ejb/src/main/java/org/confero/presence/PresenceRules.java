package org.confero.presence;

import java.util.Collection;
import java.util.Optional;

/**
 * A user's presence from what the live servers report and what the user chose: no connection and no seat anywhere is
 * offline; a seat in a meeting on any server is in a meeting, whatever was chosen; otherwise the choice, available
 * unless the user said busy.
 */
public final class PresenceRules {

    private PresenceRules() {
    }

    public static PresenceStatus effective(Optional<PresenceStatus> choice, Collection<Attendance> liveServers) {
        Attendance total = liveServers.stream().reduce(Attendance.NONE, Attendance::plus);
        if (total.isEmpty()) {
            return PresenceStatus.OFFLINE;
        }
        if (total.meetings() > 0) {
            return PresenceStatus.IN_MEETING;
        }
        return choice.filter(PresenceStatus::choosable).orElse(PresenceStatus.AVAILABLE);
    }
}
