package org.confero.web.security;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import org.confero.metrics.ConferoMeters;
import org.jboss.logging.Logger;

/**
 * Counts a failed login in the metrics ({@code confero_auth_failures_total}, issue 22). The credential gate is an
 * Undertow handler, outside injection, so the meters are looked up on first use; while they cannot be (deployment
 * starting or stopping) a failure goes uncounted rather than failing the answer.
 */
final class FailedLoginMeter {

    private static final Logger LOG = Logger.getLogger(FailedLoginMeter.class);

    private volatile ConferoMeters meters;

    void count() {
        ConferoMeters current = meters;
        if (current == null) {
            try {
                current = (ConferoMeters) new InitialContext().lookup(ConferoMeters.JNDI_NAME);
                meters = current;
            } catch (NamingException | RuntimeException e) {
                LOG.debugf("Failed login not counted: %s", e.toString());
                return;
            }
        }
        try {
            current.authenticationFailure();
        } catch (RuntimeException e) {
            LOG.debugf("Failed login not counted: %s", e.toString());
        }
    }
}
