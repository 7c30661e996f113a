package org.confero.client.control;

import java.io.IOException;

/**
 * The router did not let the participant into the meeting, or no longer has it there: there are no media credentials to
 * be had. {@link #reason()} says why, for callers that branch on it; the message says it for people.
 */
public final class NotAdmittedException extends IOException {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** A host removed the participant (from the waiting room or the meeting). */
        REMOVED,
        /** The meeting ended. */
        ENDED,
        /** No host admitted the participant within the admission timeout. */
        TIMED_OUT,
        /** The router refused credentials ({@code error forbidden}): the participant is not in the meeting. */
        REFUSED,
        /** The control connection was lost and could not be resumed. */
        CONNECTION_LOST,
        /** The application closed the session. */
        CLOSED
    }

    private final Reason reason;

    public NotAdmittedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
