package org.confero.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class StopSignalTest {

    private final StopSignal stop = new StopSignal();

    @Test
    void aStopInterruptsTheWatchedThreadWhileItWaits() throws Exception {
        CountDownLatch forever = new CountDownLatch(1);

        try (StopSignal.Watch watch = stop.interruptOnStop(Thread.currentThread())) {
            new Thread(stop::stop).start();
            boolean interrupted = false;
            try {
                forever.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            assertThat(interrupted).as("woken by the stop, not by the timeout").isTrue();
        }
    }

    @Test
    void noInterruptOutlivesTheWatch() throws Exception {
        try (StopSignal.Watch watch = stop.interruptOnStop(Thread.currentThread())) {
            // the watched work finishes at once
        }
        stop.stop();

        assertThat(stop.await(java.time.Duration.ofMillis(50))).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
