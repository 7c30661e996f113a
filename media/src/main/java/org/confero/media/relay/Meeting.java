package org.confero.media.relay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.confero.protocol.media.MediaType;

/**
 * A meeting opened on this relay: one {@link MediaGroup} per media type, its counters, and what refuses a token: the
 * meeting's previous close on this relay, the participants revoked from it, and each participant's bind rate. Its
 * monitor guards membership changes and that state; the forwarding path never takes it.
 *
 * <p>
 * Bounded: revocations older than the relay's longest token lifetime are forgotten by {@link #prune} (every token
 * issued before them has expired by then), expired bind-rate windows too, and everything goes with the meeting when it
 * closes.
 */
final class Meeting {

    final String id;
    final Counters counters = new Counters();
    private final MediaGroup[] groups = new MediaGroup[MediaType.values().length];
    /**
     * When (epoch ms) this meeting last closed on this relay before it was opened again, else Long.MIN_VALUE: tokens
     * issued at or before it were for the closed meeting (issue 18: an ended meeting must not come back to life for
     * them).
     */
    private final long previousCloseMillis;
    /** Participant to the time (epoch ms) of their last revocation; guarded by this. */
    private final Map<String, Long> revokedAt = new HashMap<>();
    /** Guarded by this. */
    private final BindRate bindRate;
    /** Guarded by this. */
    private final RetiringEndpoints retiring = new RetiringEndpoints();
    private boolean closed;

    Meeting(String id, long previousCloseMillis, int bindsPerMinute) {
        this.id = id;
        this.previousCloseMillis = previousCloseMillis;
        this.bindRate = new BindRate(bindsPerMinute);
        for (MediaType type : MediaType.values()) {
            groups[type.ordinal()] = new MediaGroup(type);
        }
    }

    MediaGroup group(MediaType type) {
        return groups[type.ordinal()];
    }

    /**
     * Why a token of the participant issued at that time no longer admits, if it does not: issued at or before the
     * meeting's previous close ({@link DropReason#MEETING_CLOSED}) or the participant's last revocation
     * ({@link DropReason#REVOKED}).
     */
    synchronized Optional<DropReason> refusal(String participantId, long tokenIssuedAtMillis) {
        if (tokenIssuedAtMillis <= previousCloseMillis) {
            return Optional.of(DropReason.MEETING_CLOSED);
        }
        Long revoked = revokedAt.get(participantId);
        if (revoked != null && tokenIssuedAtMillis <= revoked) {
            return Optional.of(DropReason.REVOKED);
        }
        return Optional.empty();
    }

    /**
     * The issue time (epoch ms) up to which the participant's tokens are refused; a new token must be issued after it.
     */
    synchronized long refusedUpTo(String participantId) {
        return Math.max(previousCloseMillis, revokedAt.getOrDefault(participantId, Long.MIN_VALUE));
    }

    /** Caller holds this. */
    void revoke(String participantId, long nowMillis) {
        revokedAt.merge(participantId, nowMillis, Math::max);
    }

    /** Caller holds this. Counts a new binding of the participant; false when it is over its rate. */
    boolean countNewBinding(String participantId, MediaType mediaType, long nowMillis) {
        return bindRate.tryCount(participantId, mediaType, nowMillis);
    }

    /**
     * Forgets revocations made at or before {@code revokedUpToMillis} (no unexpired token predates them) and expired
     * bind-rate windows.
     */
    synchronized void prune(long revokedUpToMillis, long nowMillis) {
        revokedAt.values().removeIf(at -> at <= revokedUpToMillis);
        bindRate.forgetExpired(nowMillis);
    }

    synchronized int revocationCount() {
        return revokedAt.size();
    }

    synchronized int bindRateCount() {
        return bindRate.size();
    }

    /** Caller holds this. */
    boolean isClosed() {
        return closed;
    }

    /** Caller holds this. */
    void close() {
        closed = true;
    }

    /** Caller holds this. The participant's endpoints (everyone's for null), bound and retiring. */
    List<Endpoint> endpoints(String participantIdOrNull) {
        List<Endpoint> result = new ArrayList<>();
        for (MediaGroup group : groups) {
            for (Endpoint e : group.members()) {
                if (participantIdOrNull == null || e.participantId.equals(participantIdOrNull)) {
                    result.add(e);
                }
            }
        }
        retiring.collect(participantIdOrNull, result);
        return result;
    }

    /** Caller holds this. See {@link RetiringEndpoints}. */
    RetiringEndpoints retiring() {
        return retiring;
    }

    int endpointCount() {
        int n = 0;
        for (MediaGroup group : groups) {
            n += group.members().length;
        }
        return n;
    }
}
