package org.confero.zone.ranking;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Finds where a public IP address is. The ranking's port to a Geo-IP database; the MaxMind DB adapter and the
 * {@code NoGeoIp} stand-in are in {@code org.confero.zone.geoip}.
 *
 * <p>
 * Implementations are thread-safe and never throw from {@link #locate}: an address they cannot place, or a lookup that
 * fails, is simply not located, because the meeting lookup must answer without Geo-IP rather than fail.
 */
@FunctionalInterface
public interface GeoIpLocator extends AutoCloseable {

    Optional<GeoPoint> locate(InetAddress address);

    /** What this locator reads, or why there is none; for the server log and admin views. */
    default String describe() {
        return getClass().getSimpleName();
    }

    /** Releases the database; {@link #locate} may not be called afterwards. */
    @Override
    default void close() {
    }
}
