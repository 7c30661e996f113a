package org.confero.client.media;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One transport's attempt inside a {@link TransportRace}: how the dialer tells the race that the path answered, and how
 * the race stops a dialer that lost. A dialer hands every socket it opens to {@link #guard} at once; a cancelled
 * attempt closes them, which wakes any blocking connect, receive or read with an exception, so a loser never holds a
 * socket past the race.
 */
public final class DialAttempt {

    private final Runnable onAnswer;
    private final List<AutoCloseable> guarded = new ArrayList<>(2);
    private boolean cancelled;
    private volatile boolean answered;
    private Thread dialing;

    DialAttempt(Runnable onAnswer) {
        this.onAnswer = onAnswer;
    }

    /** For a dial that is not part of a race (a network test, a cascade link): never cancelled, nobody listens. */
    public static DialAttempt standalone() {
        return new DialAttempt(() -> {
        });
    }

    /**
     * Closes {@code resource} when the attempt is cancelled; if it already was, closes it now and throws, so the dialer
     * stops before doing anything with it.
     */
    public void guard(AutoCloseable resource) throws IOException {
        boolean late;
        synchronized (this) {
            late = cancelled;
            if (!late) {
                guarded.add(resource);
            }
        }
        if (late) {
            closeQuietly(resource);
            throw new CancelledDialException();
        }
    }

    /** Throws if the race no longer wants this attempt: for dialers between two blocking steps. */
    public void checkNotCancelled() throws IOException {
        synchronized (this) {
            if (cancelled) {
                throw new CancelledDialException();
            }
        }
    }

    /**
     * The relay answered on this transport (a binding challenge, an accepted TCP connection, an opened WebSocket): the
     * path works, and the race gives this attempt time to finish before starting slower transports.
     */
    public void answered() {
        if (!answered) {
            answered = true;
            onAnswer.run();
        }
    }

    boolean hasAnswered() {
        return answered;
    }

    /** The thread the dial runs on, interrupted by {@link #cancel} (a WebSocket dial waits on a future). */
    synchronized void runsOn(Thread thread) {
        this.dialing = thread;
    }

    /** Stops the attempt: closes what it guards and interrupts its thread. Idempotent. */
    void cancel() {
        List<AutoCloseable> toClose;
        Thread thread;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toClose = new ArrayList<>(guarded);
            guarded.clear();
            thread = dialing;
        }
        toClose.forEach(DialAttempt::closeQuietly);
        if (thread != null) {
            thread.interrupt();
        }
    }

    synchronized boolean isCancelled() {
        return cancelled;
    }

    /** The dial is over (won, lost or failed): its thread must not be interrupted any more. */
    synchronized void finished() {
        dialing = null;
        guarded.clear();
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // Closing a socket that failed or was closed already: nothing left to release.
        }
    }

    /** The race was decided without this attempt. */
    static final class CancelledDialException extends IOException {
        private static final long serialVersionUID = 1L;

        CancelledDialException() {
            super("cancelled: another transport bound first");
        }
    }
}
