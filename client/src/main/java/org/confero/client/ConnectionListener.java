package org.confero.client;

import java.time.Duration;
import java.util.List;

import org.confero.client.media.MediaOutcome;
import org.confero.client.media.Transport;
import org.confero.client.zone.ProbeResult;
import org.confero.protocol.media.MediaType;

/**
 * Watches the connection process: every phase starts and then succeeds or fails, with a line a person can read. All
 * methods default to doing nothing. Called on the joining thread — except during a router failover after the join, when
 * {@link #mediaConnected} (one call per media type reconnected) and {@link #relocated} come from the control session's
 * thread.
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

    /**
     * A media type moved to a better transport of the same router while the meeting went on (the UDP upgrade, once UDP
     * works again): {@code outcome} is the new connection's binding. From the upgrade's own thread.
     */
    default void transportChanged(MediaType mediaType, Transport from, Transport to, MediaOutcome outcome) {
    }

    /**
     * The meeting moved from router {@code fromRouter} (unreachable) to {@code toRouter}: the control channel resumed
     * there and the media types connected before were reconnected (or failed to, as {@link #mediaConnected} said).
     * {@code took} runs from the moment the control connection dropped until the media reconnection ended.
     */
    default void relocated(String fromRouter, String toRouter, Duration took) {
    }

    /**
     * Issue 23: a host changed this webinar participant's role live ({@code panelist} after a promotion,
     * {@code attendee} after a demotion), and the media connections were bound anew with the new role's credentials:
     * {@code rebound} holds one outcome per media type. When {@code canSend} the application's sends now reach the
     * stage; the connection objects are the same as before. From the session's role thread.
     */
    default void roleChanged(String role, boolean canSend, List<MediaOutcome> rebound) {
    }
}
