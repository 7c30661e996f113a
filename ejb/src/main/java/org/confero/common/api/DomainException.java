package org.confero.common.api;

import jakarta.ejb.ApplicationException;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure the caller caused or must handle (not a bug): it carries its problem type and a detail safe to show to the
 * client. An application exception, so it reaches the caller as is and rolls the transaction back.
 */
@ApplicationException(rollback = true)
public class DomainException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ProblemType type;
    private final Duration retryAfter;

    public DomainException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    public DomainException(ProblemType type, String detail, Duration retryAfter) {
        super(Objects.requireNonNull(detail, "detail"), null, false, false);
        this.type = Objects.requireNonNull(type, "type");
        this.retryAfter = retryAfter;
    }

    public ProblemType type() {
        return type;
    }

    /** The detail shown to the client. */
    public String detail() {
        return getMessage();
    }

    /** For {@link ProblemType#TOO_MANY_ATTEMPTS}: when the client may try again. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public static DomainException notFound(String what) {
        return new DomainException(ProblemType.NOT_FOUND, what + " does not exist");
    }

    public static DomainException invalid(String detail) {
        return new DomainException(ProblemType.INVALID_REQUEST, detail);
    }

    public static DomainException forbidden(String detail) {
        return new DomainException(ProblemType.FORBIDDEN, detail);
    }

    public static DomainException conflict(String detail) {
        return new DomainException(ProblemType.CONFLICT, detail);
    }
}
