package org.confero.media.relay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.confero.protocol.media.MediaType;

/**
 * A meeting opened on this relay: one {@link MediaGroup} per media type, its counters, and the participants revoked
 * from it. Its monitor guards membership changes and the revocation list; the forwarding path never takes it.
 */
final class Meeting {

    final String id;
    final Counters counters = new Counters();
    private final MediaGroup[] groups = new MediaGroup[MediaType.values().length];
    /** Participant to the time (epoch ms) of their last revocation; guarded by this. */
    private final Map<String, Long> revokedAt = new HashMap<>();
    private boolean closed;

    Meeting(String id) {
        this.id = id;
        for (MediaType type : MediaType.values()) {
            groups[type.ordinal()] = new MediaGroup(type);
        }
    }

    MediaGroup group(MediaType type) {
        return groups[type.ordinal()];
    }

    /** Caller holds this. A token issued at or before the last revocation no longer admits. */
    boolean isRevoked(String participantId, long tokenIssuedAtMillis) {
        Long revoked = revokedAt.get(participantId);
        return revoked != null && tokenIssuedAtMillis <= revoked;
    }

    synchronized long lastRevocation(String participantId) {
        return revokedAt.getOrDefault(participantId, Long.MIN_VALUE);
    }

    /** Caller holds this. */
    void revoke(String participantId, long nowMillis) {
        revokedAt.merge(participantId, nowMillis, Math::max);
    }

    /** Caller holds this. */
    boolean isClosed() {
        return closed;
    }

    /** Caller holds this. */
    void close() {
        closed = true;
    }

    /** Caller holds this. */
    List<Endpoint> endpoints(String participantIdOrNull) {
        List<Endpoint> result = new ArrayList<>();
        for (MediaGroup group : groups) {
            for (Endpoint e : group.members()) {
                if (participantIdOrNull == null || e.participantId.equals(participantIdOrNull)) {
                    result.add(e);
                }
            }
        }
        return result;
    }

    int endpointCount() {
        int n = 0;
        for (MediaGroup group : groups) {
            n += group.members().length;
        }
        return n;
    }
}
