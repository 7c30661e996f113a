package org.confero.health.infrastructure;

import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;

import org.confero.health.api.CheckResult;
import org.confero.health.DependencyCheck;
import org.confero.media.api.MediaConnection;
import org.confero.media.api.MediaConnectionFactory;
import org.confero.media.api.RelayStatus;

/**
 * The media relay resource adapter, reached the way every caller reaches it: its connection factory in JNDI. Looked up
 * on every probe (not injected) so that a server whose adapter failed to activate still deploys and says so.
 */
public final class MediaRelayCheck implements DependencyCheck {

    @Override
    public String name() {
        return "media";
    }

    @Override
    public CheckResult probe() throws Exception {
        MediaConnectionFactory factory;
        try {
            factory = (MediaConnectionFactory) new InitialContext().lookup(MediaConnectionFactory.JNDI_NAME);
        } catch (NameNotFoundException e) {
            return CheckResult.down(name(),
                    "resource adapter not active (" + MediaConnectionFactory.JNDI_NAME + " is not bound)");
        } catch (NamingException e) {
            return CheckResult.down(name(), "resource adapter lookup failed: " + e.getExplanation());
        }
        try (MediaConnection connection = factory.getConnection()) {
            RelayStatus status = connection.status();
            return new CheckResult(name(), status.isUp(), status.state() + ": " + status.detail());
        }
    }
}
