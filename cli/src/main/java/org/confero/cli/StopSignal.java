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

    /**
     * Until the returned watch is closed, a stop interrupts {@code thread}: a command blocked in something long — a
     * join waiting in the meeting's waiting room for a host — gives up at once and closes what it opened, instead of
     * the JVM halting after the grace period.
     */
    public Watch interruptOnStop(Thread thread) {
        Watch watch = new Watch(thread);
        Thread watcher = new Thread(() -> {
            try {
                stop.await();
                watch.fire();
            } catch (InterruptedException e) {
                // The watch was closed: the watched work is over.
            }
        }, "confero-stop-watch");
        watcher.setDaemon(true);
        watch.watcher = watcher;
        watcher.start();
        return watch;
    }

    /** Interrupts its thread on a stop until closed; close it on that thread. */
    public static final class Watch implements AutoCloseable {
        private final Thread thread;
        private Thread watcher;
        private boolean active = true;
        private boolean fired;

        private Watch(Thread thread) {
            this.thread = thread;
        }

        private synchronized void fire() {
            if (active) {
                fired = true;
                thread.interrupt();
            }
        }

        /**
         * No interrupt comes after this. One that came after the watched work had finished is cleared: the stop itself
         * stays visible through {@link StopSignal#stopped()}.
         */
        @Override
        public synchronized void close() {
            active = false;
            watcher.interrupt();
            if (fired && Thread.currentThread() == thread) {
                Thread.interrupted();
            }
        }
    }
}
