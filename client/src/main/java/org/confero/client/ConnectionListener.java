package org.confero.client;

import java.util.List;

import org.confero.client.media.MediaOutcome;
import org.confero.client.zone.ProbeResult;

/**
 * Watches the connection process: every phase starts and then succeeds or fails, with a line a person can read. All
 * methods default to doing nothing; called on the joining thread.
 */
public interface ConnectionListener {

    ConnectionListener NONE = new ConnectionListener() {
    };

    default void phaseStarted(Phase phase) {
    }

    default void phaseSucceeded(Phase phase, String detail) {
    }

    default void phaseFailed(Phase phase, String reason) {
    }

    /** Every controller's measurement: those that answered best first, then the silent ones. */
    default void zonesProbed(List<ProbeResult> results) {
    }

    /** One media type's outcome: the transport chosen, or every transport's failure. */
    default void mediaConnected(MediaOutcome outcome) {
    }
}
