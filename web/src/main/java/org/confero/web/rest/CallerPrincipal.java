package org.confero.web.rest;

import java.security.Principal;

/** The principal of a request authenticated by an API token; it keeps the whole caller for {@link Callers}. */
record CallerPrincipal(AuthenticatedCaller caller) implements Principal {

    @Override
    public String getName() {
        return caller.username();
    }
}
