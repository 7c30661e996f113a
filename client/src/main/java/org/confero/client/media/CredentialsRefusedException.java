package org.confero.client.media;

import java.io.IOException;

/**
 * The relay answered and did not take the media credentials (expired, revoked, or issued by a router that is gone): the
 * path works, so another transport would hear the same answer, while fresh credentials from the control channel may
 * pass. Only an explicit answer counts — a relay that drops a binding silently looks like a blocked transport.
 */
public final class CredentialsRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    public CredentialsRefusedException(String message) {
        super(message);
    }
}
