package org.confero.cli;

/** The command line cannot be understood; the message says how to fix it. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
