package org.confero.health.infrastructure;

import org.confero.health.api.CheckResult;
import org.confero.health.DependencyCheck;
import org.confero.media.api.MediaConnection;
import org.confero.media.api.RelayStatus;
import org.confero.mmr.LocalRelay;

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
    public CheckResult probe() {
        try (MediaConnection connection = LocalRelay.connect()) {
            RelayStatus status = connection.status();
            return new CheckResult(name(), status.isUp(), status.state() + ": " + status.detail());
        } catch (LocalRelay.Unavailable e) {
            return CheckResult.down(name(), e.getMessage());
        }
    }
}
