package org.confero.client.control;

import java.time.Duration;
import java.util.Optional;

import org.confero.client.control.NotAdmittedException.Reason;
import org.confero.client.media.MediaGrant;

/**
 * The media credentials a control session holds, and the threads waiting for them: the joining thread until a host
 * admits the participant, a media connection that asked for fresh ones. Every grant received counts up a generation, so
 * that a waiter can tell a newer grant from the one it already had. Written by the channel's receiving thread, read and
 * waited on by any; one monitor guards it all.
 */
final class MediaGrants {

    private MediaGrant latest;
    private long generation;
    /** A {@code media-credentials} request went out and its answer has not come. */
    private boolean requested;
    /** The router refused the outstanding request; waiting for a refresh fails with it. */
    private NotAdmittedException refusal;
    /** The session is over: no grant will ever come. */
    private NotAdmittedException over;

    synchronized void received(MediaGrant grant) {
        latest = grant;
        generation++;
        requested = false;
        refusal = null;
        notifyAll();
    }

    synchronized Optional<MediaGrant> latest() {
        return Optional.ofNullable(latest);
    }

    synchronized long generation() {
        return generation;
    }

    /**
     * True when the caller, holding the grant of {@code generation}, should ask the router: nothing newer came and no
     * request is outstanding. Several media types that find their credentials refused at once send one request.
     */
    synchronized boolean shouldRequest(long generation) {
        if (this.generation > generation || requested) {
            return false;
        }
        requested = true;
        refusal = null;
        return true;
    }

    /** The request could not be sent; the next caller may try again. */
    synchronized void requestFailed() {
        requested = false;
    }

    /** An {@code error forbidden} while a request was outstanding: that was its answer. */
    synchronized void refused(String message) {
        if (requested) {
            requested = false;
            refusal = new NotAdmittedException(Reason.REFUSED, "the router refused media credentials: " + message);
            notifyAll();
        }
    }

    /** Nothing more will come; every waiter fails with {@code reason}. The first reason stays. */
    synchronized void over(Reason reason, String message) {
        if (over == null) {
            over = new NotAdmittedException(reason, message);
            notifyAll();
        }
    }

    /** The first grant, at once if one came already; empty when {@code limit} passed first. */
    Optional<MediaGrant> awaitFirst(Duration limit) throws NotAdmittedException, InterruptedException {
        return awaitNewer(0, limit, false);
    }

    /** A grant newer than {@code generation}; fails when the router refused the request for it. */
    Optional<MediaGrant> awaitFresh(long generation, Duration limit) throws NotAdmittedException, InterruptedException {
        return awaitNewer(generation, limit, true);
    }

    private synchronized Optional<MediaGrant> awaitNewer(long after, Duration limit, boolean failOnRefusal)
            throws NotAdmittedException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (generation <= after) {
            if (over != null) {
                throw copy(over);
            }
            if (failOnRefusal && refusal != null) {
                throw copy(refusal);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return Optional.of(latest);
    }

    /** Each waiter throws its own exception, with its own stack trace. */
    private static NotAdmittedException copy(NotAdmittedException e) {
        return new NotAdmittedException(e.reason(), e.getMessage());
    }
}
