package org.confero.common.api;

import java.util.Objects;

/**
 * Who is asking: the authenticated user the REST layer resolved (HTTP Basic through Elytron, or an API token). Passed
 * explicitly to the domain, which decides what this user may do.
 */
public record Actor(String username, boolean admin) {

    public Actor {
        Objects.requireNonNull(username, "username");
    }
}
