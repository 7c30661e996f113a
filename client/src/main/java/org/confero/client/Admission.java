package org.confero.client;

import java.time.Duration;

import org.confero.client.control.ControlSession;
import org.confero.client.control.NotAdmittedException;

/**
 * The step between the control channel and media: a participant the router put in the waiting room has no media
 * credentials, and must not connect media, until a host admits it. Reported to the {@link ConnectionListener} as phase
 * {@link Phase#ADMISSION} — only when there is a wait. Used by a direct join and by the HTTP tunnel alike.
 */
public final class Admission {

    private Admission() {
    }

    /**
     * Returns at once unless {@code session} is waiting; then when a host admitted it (its credentials arrived).
     *
     * @throws NotAdmittedException
     *             removed by a host, the meeting ended, the control connection lost for good, or {@code limit} passed
     *             without admission
     */
    public static void await(ControlSession session, Duration limit, ConnectionListener listener)
            throws NotAdmittedException, InterruptedException {
        if (!session.waiting()) {
            return;
        }
        listener.phaseStarted(Phase.ADMISSION);
        long start = System.nanoTime();
        try {
            session.awaitAdmission(limit);
        } catch (NotAdmittedException e) {
            listener.phaseFailed(Phase.ADMISSION, e.getMessage());
            throw e;
        }
        listener.phaseSucceeded(Phase.ADMISSION,
                "a host admitted you after " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
    }
}
