package org.confero.zone.geoip;

import org.confero.zone.ranking.GeoIpLocator;
import org.confero.zone.ranking.GeoPoint;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/** Locates nothing, so zones are ranked by CIDR rules, state and load alone; {@code reason} says why. */
public record NoGeoIp(String reason) implements GeoIpLocator {

    public NoGeoIp {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Optional<GeoPoint> locate(InetAddress address) {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "no Geo-IP: " + reason;
    }
}
