package org.confero.testsuite.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Polls until a condition holds or a deadline passes; the last value seen is in the failure message. */
public final class Await {

    private Await() {
    }

    public static <T> T until(Duration timeout, Callable<T> probe, Predicate<T> done, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.call();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200); // polling interval, not synchronisation: the condition is re-checked
        }
        throw new AssertionError(
                "timed out after " + timeout.toMillis() + " ms waiting for " + what + "; last seen: " + last);
    }
}
