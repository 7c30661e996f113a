package org.confero.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) or SIGTERM, turned into a request to wrap up: a joined participant leaves the meeting and prints what
 * it received instead of dying mid-sentence. The JVM's shutdown hook waits for the command to finish, a few seconds at
 * most.
 */
public final class StopSignal {

    private static final Duration GRACE = Duration.ofSeconds(5);

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    /** Installs the JVM shutdown hook; call once. */
    public StopSignal install() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "confero-stop"));
        return this;
    }

    /** Waits until stopped or {@code limit} has passed; true when stopped. */
    public boolean await(Duration limit) throws InterruptedException {
        return stop.await(limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean stopped() {
        return stop.getCount() == 0;
    }

    public void stop() {
        stop.countDown();
    }

    /** The command is done; the shutdown hook may let the JVM go. */
    public void finished() {
        finished.countDown();
    }
}
