package org.confero.media.relay;

import java.util.Objects;

/**
 * The relay refused to attach a virtual endpoint, for the same reasons it refuses a UDP or TCP binding:
 * {@link DropReason#REVOKED}, {@link DropReason#MEETING_CLOSED}, {@link DropReason#UNKNOWN_MEETING},
 * {@link DropReason#EXPIRED_TOKEN} (credentials older than the longest token lifetime) or
 * {@link DropReason#BIND_RATE_LIMITED}. A refusal, not a failure: the caller turns it into a clear answer to its peer.
 * An IllegalStateException, as a meeting that is not open always was here.
 */
public final class VirtualEndpointRefusedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final DropReason reason;

    VirtualEndpointRefusedException(DropReason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public DropReason reason() {
        return reason;
    }
}
