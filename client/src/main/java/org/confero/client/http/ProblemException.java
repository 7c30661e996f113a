package org.confero.client.http;

import java.io.IOException;
import java.util.Optional;

/**
 * The server refused a request with an {@code application/problem+json} answer (RFC 9457). The {@code type} is stable
 * ({@code https://confero.org/problems/wrong-passcode}, …), so callers branch on it, never on the text.
 */
public final class ProblemException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String detail;

    public ProblemException(int status, String type, String detail) {
        super(status + " " + type + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.type = type;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    /** The last path segment of the type, e.g. {@code wrong-passcode}. */
    public String slug() {
        return type.substring(type.lastIndexOf('/') + 1);
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }
}
