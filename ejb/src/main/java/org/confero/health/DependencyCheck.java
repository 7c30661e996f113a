package org.confero.health;

import org.confero.health.api.CheckResult;

/**
 * Probes one dependency. Implementations may block (a database round trip); the caller bounds them with a deadline, so
 * they need no timeout of their own.
 */
public interface DependencyCheck {

    /** The key the result is reported under. */
    String name();

    /** Probes now. May throw: the caller turns an exception into a DOWN result. */
    CheckResult probe() throws Exception;
}
