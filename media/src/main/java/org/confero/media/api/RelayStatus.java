package org.confero.media.api;

import java.util.Objects;

/**
 * The resource adapter's view of itself, as the health check reports it.
 *
 * @param state
 *            where the relay is in its life cycle
 * @param detail
 *            a human-readable explanation (for example which port could not be bound), never null
 */
public record RelayStatus(State state, String detail) {

    public enum State {
        /** The adapter is starting its transports. */
        STARTING,
        /** Up and able to take media. */
        RUNNING,
        /** Started but unusable (for example a port is taken); {@code detail} says why. */
        FAILED,
        /** Stopped by the container (undeploy or shutdown). */
        STOPPED
    }

    public RelayStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean isUp() {
        return state == State.RUNNING;
    }
}
