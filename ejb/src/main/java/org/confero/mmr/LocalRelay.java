package org.confero.mmr;

import jakarta.resource.ResourceException;

import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;

import org.confero.media.api.MediaConnection;
import org.confero.media.api.MediaConnectionFactory;

/**
 * A connection to this server's media relay, the way every caller gets one: looked up on each use (not injected), so
 * that code runs — and says why — on a server whose resource adapter is not active.
 */
public final class LocalRelay {

    /** The relay cannot be reached; the message says why, for logs and the health check. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private LocalRelay() {
    }

    /** A connection to close after use (try-with-resources). */
    public static MediaConnection connect() throws Unavailable {
        try {
            return ((MediaConnectionFactory) new InitialContext().lookup(MediaConnectionFactory.JNDI_NAME))
                    .getConnection();
        } catch (NameNotFoundException e) {
            throw new Unavailable("resource adapter not active (" + MediaConnectionFactory.JNDI_NAME + " is not bound)",
                    e);
        } catch (NamingException e) {
            throw new Unavailable("resource adapter lookup failed: " + e.getExplanation(), e);
        } catch (ResourceException e) {
            throw new Unavailable("no connection to the relay: " + e.getMessage(), e);
        }
    }
}
