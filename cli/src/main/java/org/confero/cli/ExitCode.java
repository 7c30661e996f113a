package org.confero.cli;

/** What {@code confero} returns to the shell; scripts branch on these, so they never change meaning. */
public enum ExitCode {
    /** Done as asked. */
    OK(0),
    /** Something unexpected; the message says what. */
    ERROR(1),
    /** The command line was wrong; usage printed. */
    USAGE(2),
    /**
     * The server answered and refused: unknown or ended meeting, wrong passcode, not allowed, too many attempts, not
     * admitted from the waiting room (removed, or no host admitted in time).
     */
    REFUSED(3),
    /** Could not connect (the meeting's web client URL is printed when known). */
    UNREACHABLE(4),
    /** Joined, but no media arrived though {@code --require-media} asked for it. */
    NO_MEDIA(5);

    private final int status;

    ExitCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
