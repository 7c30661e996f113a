package org.confero.client.media;

import java.time.Duration;

/**
 * How long a media transport has alone before the next one starts too ({@link TransportRace}), from the round trip the
 * client measured to the winning zone controller: that router's side of the network, a moment before. A UDP binding is
 * answered after one round trip plus the time to build and check a STUN message, so the head start is two round trips
 * plus a margin for a cold client and a busy relay, kept between {@link #FLOOR} (a loopback or LAN round trip is no
 * reason to give up on UDP after a few milliseconds) and {@link #CEILING} (a satellite link should not cost the
 * firewalled user seconds).
 */
public final class HeadStart {

    static final Duration FLOOR = Duration.ofMillis(200);
    static final Duration CEILING = Duration.ofSeconds(1);
    private static final double MARGIN_MILLIS = 150;

    private HeadStart() {
    }

    /** For a measured median round trip; {@link MediaConnector#DEFAULT_HEAD_START} when nothing was measured. */
    public static Duration fromRoundTrip(double medianRttMillis) {
        if (!Double.isFinite(medianRttMillis) || medianRttMillis < 0) {
            return MediaConnector.DEFAULT_HEAD_START;
        }
        long millis = Math.round(2 * medianRttMillis + MARGIN_MILLIS);
        return Duration.ofMillis(Math.max(FLOOR.toMillis(), Math.min(CEILING.toMillis(), millis)));
    }
}
