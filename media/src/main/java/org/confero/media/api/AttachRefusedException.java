package org.confero.media.api;

import java.util.Objects;

/**
 * The relay refused to attach a virtual endpoint, for the reasons it refuses a UDP or TCP binding (issue 18). Each
 * {@link Reason} has a short {@link Reason#text() text} fit for a WebSocket close reason. An IllegalStateException, as
 * a meeting that is not open always was.
 */
public final class AttachRefusedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The participant was revoked (removed, left) after its credentials were issued. */
        REVOKED("credentials revoked"),
        /** The meeting closed on this relay after the credentials were issued (it may be open again since). */
        MEETING_CLOSED("meeting closed"),
        /** The meeting is not open on this relay. */
        MEETING_NOT_OPEN("meeting not open on this router"),
        /** The credentials are older than the longest token lifetime the relay accepts. */
        EXPIRED("credentials expired"),
        /** The participant opened more new connections of this media type in a minute than the relay allows. */
        RATE_LIMITED("too many new media connections");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final Reason reason;

    public AttachRefusedException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
