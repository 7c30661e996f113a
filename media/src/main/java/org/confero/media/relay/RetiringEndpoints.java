package org.confero.media.relay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Endpoints a participant replaced by switching transport (a client moving its media from TCP or WebSocket to UDP once
 * UDP works): make-before-break on the relay's side. The replaced endpoint leaves its group at once, so nothing is
 * delivered twice, but stays active as a sender until its deadline or until its connection closes, so the packets the
 * client sent on it just before the switch still reach the meeting instead of being dropped in flight.
 * <p>
 * Bounded: one per participant and media type (a newer switch retires the older one at once), none beyond its deadline
 * after the next housekeeping. Guarded by the meeting's monitor.
 */
final class RetiringEndpoints {

    private final Map<String, Retiring> byIdentity = new HashMap<>();

    private record Retiring(Endpoint endpoint, long untilMillis) {
    }

    /** Keeps {@code endpoint} sending until {@code untilMillis}; returns the one it displaces, to be released now. */
    Optional<Endpoint> add(Endpoint endpoint, long untilMillis) {
        Retiring previous = byIdentity.put(key(endpoint), new Retiring(endpoint, untilMillis));
        return Optional.ofNullable(previous).map(Retiring::endpoint);
    }

    /** Takes {@code endpoint} out if it is retiring here; true when it was. */
    boolean remove(Endpoint endpoint) {
        String key = key(endpoint);
        Retiring r = byIdentity.get(key);
        if (r != null && r.endpoint == endpoint) {
            byIdentity.remove(key);
            return true;
        }
        return false;
    }

    /** Takes out and returns those past their deadline. */
    List<Endpoint> removeOverdue(long nowMillis) {
        List<Endpoint> overdue = new ArrayList<>();
        for (Iterator<Retiring> it = byIdentity.values().iterator(); it.hasNext();) {
            Retiring r = it.next();
            if (r.untilMillis <= nowMillis) {
                overdue.add(r.endpoint);
                it.remove();
            }
        }
        return overdue;
    }

    /** The participant's retiring endpoints, or everyone's for null. */
    void collect(String participantIdOrNull, List<Endpoint> into) {
        for (Retiring r : byIdentity.values()) {
            if (participantIdOrNull == null || r.endpoint.participantId.equals(participantIdOrNull)) {
                into.add(r.endpoint);
            }
        }
    }

    int size() {
        return byIdentity.size();
    }

    private static String key(Endpoint e) {
        return e.participantId + '\n' + e.mediaType.name();
    }
}
