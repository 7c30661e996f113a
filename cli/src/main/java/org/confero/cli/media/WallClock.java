package org.confero.cli.media;

import java.time.Instant;

/** Microseconds since the epoch: the send stamp of test packets, comparable across processes on one machine. */
public final class WallClock {

    private WallClock() {
    }

    public static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
