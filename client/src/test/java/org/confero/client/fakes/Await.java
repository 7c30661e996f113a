package org.confero.client.fakes;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something another thread does, never longer than a bound: tests stay fast and cannot hang. */
public final class Await {

    private Await() {
    }

    public static void until(BooleanSupplier condition, String what) throws InterruptedException {
        until(condition, Duration.ofSeconds(5), what);
    }

    public static void until(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toMillis() + " ms: " + what);
            }
            Thread.sleep(2);
        }
    }
}
