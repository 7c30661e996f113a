package org.confero.health.api;

import java.util.Objects;

/**
 * One dependency's state at one moment.
 *
 * @param name
 *            stable key of the check ({@code database}, {@code cache}, {@code media}), used in JSON
 * @param up
 *            whether the dependency works
 * @param detail
 *            what was seen, for operators; never an exception's stack trace
 */
public record CheckResult(String name, boolean up, String detail) {

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }

    public static CheckResult up(String name, String detail) {
        return new CheckResult(name, true, detail);
    }

    public static CheckResult down(String name, String detail) {
        return new CheckResult(name, false, detail);
    }
}
