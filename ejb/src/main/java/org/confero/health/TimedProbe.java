package org.confero.health;

import org.confero.health.api.CheckResult;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one {@link DependencyCheck} on an executor with a deadline. A load balancer probes every few seconds; if a
 * dependency hangs (a database that stopped answering), each probe would otherwise leave one more thread stuck behind
 * it. So a probe that is still running is reused, not restarted: at most one thread per check is ever blocked.
 *
 * <p>
 * Thread-safe.
 */
public final class TimedProbe {

    private final DependencyCheck check;
    private Future<CheckResult> inFlight;
    private long inFlightSinceNanos;

    public TimedProbe(DependencyCheck check) {
        this.check = check;
    }

    /** Starts the probe (or joins the one still running); call {@link #await} for its result. */
    public synchronized Future<CheckResult> start(ExecutorService executor) {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = executor.submit(check::probe);
            inFlightSinceNanos = System.nanoTime();
        }
        return inFlight;
    }

    /** The probe's result, or DOWN when it failed or did not answer before {@code deadlineNanos}. */
    public CheckResult await(Future<CheckResult> probe, long deadlineNanos) {
        try {
            long remaining = Math.max(0, deadlineNanos - System.nanoTime());
            return probe.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return CheckResult.down(check.name(), "no answer for " + waitingFor().toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return CheckResult.down(check.name(), describe(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.down(check.name(), "health check interrupted");
        }
    }

    public String name() {
        return check.name();
    }

    private synchronized Duration waitingFor() {
        return Duration.ofNanos(System.nanoTime() - inFlightSinceNanos);
    }

    // Operators need the kind of failure and its message; the report never carries a stack trace.
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        String kind = failure.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + firstLine(message);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
