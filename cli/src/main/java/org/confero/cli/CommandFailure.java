package org.confero.cli;

/** A command ends with this exit code after printing its own explanation. */
public final class CommandFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final ExitCode code;

    public CommandFailure(ExitCode code, String message) {
        super(message);
        this.code = code;
    }

    public ExitCode code() {
        return code;
    }
}
