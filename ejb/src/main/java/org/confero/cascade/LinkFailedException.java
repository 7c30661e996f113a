package org.confero.cascade;

/** A cascade link could not be set up now (peer relay not ready, meeting not open there yet); retried later. */
final class LinkFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    LinkFailedException(String message) {
        super(message);
    }
}
