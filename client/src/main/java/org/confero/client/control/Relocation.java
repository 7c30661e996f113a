package org.confero.client.control;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.confero.client.media.MediaGrantSource;
import org.confero.protocol.rest.AssignmentRequest.ResumeCredentials;

/**
 * Where a control session resumes when its router can no longer be reached: any router of the cluster takes a resume,
 * so the client asks a zone controller for another one. Both methods run on the control session's own thread, one call
 * at a time; closing the session interrupts them.
 */
public interface Relocation {

    /** Never moves: the session keeps resuming at the same router (HTTP tunnels, tests, plain control channels). */
    Relocation NONE = (seat, reason) -> Optional.empty();

    /**
     * A resume attempt could not reach the router (connection refused, timed out or broken — not an error answer).
     *
     * @return the control URL of another router to resume {@code seat} at, or empty to keep trying the same one
     */
    Optional<URI> relocate(ResumeCredentials seat, String reason) throws InterruptedException;

    /**
     * The session resumed at {@code controlUrl}, {@code sinceLost} after the connection dropped, and its
     * {@link ControlListener} has heard {@link ControlListener#onResumed()}. Called after every resume, relocated or
     * not. {@code media} holds the credentials the {@code resumed} message brought — the ones to bind with at that
     * router — and gives fresh ones on demand.
     */
    default void resumed(URI controlUrl, Duration sinceLost, MediaGrantSource media) throws InterruptedException {
    }
}
