package org.confero.zone.ranking;

import org.confero.protocol.net.Cidr;

import java.net.InetAddress;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** The factors {@link ZoneRanker} weighs for one zone and one client, the score made of them, and the reason text. */
record ZoneScore(ZoneCandidate zone, Availability availability, Optional<Cidr> cidrRule, Proximity proximity,
        String proximityReason, double distanceKm, double loadRatio) {

    static final double DISTANCE_BAND_KM = 500;
    static final int DISTANCE_BANDS = 40; // 40 × 500 km reaches the far side of the earth (20,015 km)

    /**
     * Best first; the exact load and distance (finer than the score's rounding, an unknown distance last), then the
     * zone id and name break ties.
     */
    static final Comparator<ZoneScore> BEST_FIRST = Comparator.comparingDouble(ZoneScore::score).reversed()
            .thenComparingDouble(ZoneScore::loadRatio).thenComparingDouble(ZoneScore::distanceKm)
            .thenComparing(score -> score.zone().id()).thenComparing(score -> score.zone().name());

    static ZoneScore of(ZoneCandidate zone, InetAddress client, Optional<GeoPoint> clientLocation,
            String whyClientNotLocated) {
        Optional<Cidr> rule = zone.cidrRules().stream().filter(cidr -> cidr.contains(client))
                .max(Comparator.comparingInt(Cidr::prefixLength));
        GeoPoint zoneLocation = zone.location();
        double distance = clientLocation.flatMap(GeoPoint::coordinates)
                .flatMap(from -> zoneLocation.coordinates().map(from::distanceKm)).orElse(Double.NaN);
        Proximity proximity;
        String proximityReason;
        if (clientLocation.isEmpty() || clientLocation.get().isUnknown()) {
            proximity = Proximity.UNKNOWN;
            proximityReason = whyClientNotLocated;
        } else if (zoneLocation.isUnknown()) {
            proximity = Proximity.UNKNOWN;
            proximityReason = "no location";
        } else {
            GeoPoint from = clientLocation.get();
            Optional<String> country = same(from.country(), zoneLocation.country());
            Optional<String> continent = same(from.continent(), zoneLocation.continent());
            if (country.isPresent()) {
                proximity = Proximity.SAME_COUNTRY;
                proximityReason = "same country " + country.get();
            } else if (continent.isPresent()) {
                proximity = Proximity.SAME_CONTINENT;
                proximityReason = "same continent " + continent.get();
            } else if (from.continent().isPresent() && zoneLocation.continent().isPresent()) {
                proximity = Proximity.ELSEWHERE;
                proximityReason = "other continent " + zoneLocation.continent().get();
            } else if (from.country().isPresent() && zoneLocation.country().isPresent()) {
                proximity = Proximity.ELSEWHERE;
                proximityReason = "other country " + zoneLocation.country().get();
            } else if (!Double.isNaN(distance)) {
                proximity = Proximity.ELSEWHERE;
                proximityReason = "by distance";
            } else {
                proximity = Proximity.UNKNOWN;
                proximityReason = "no comparable location";
            }
        }
        return new ZoneScore(zone, zone.availability(), rule, proximity, proximityReason, distance,
                zone.load().ratio());
    }

    /** See {@link ZoneRanker} for the weights; every tier outweighs the sum of all tiers below it. */
    double score() {
        double availabilityPoints = switch (availability) {
        case AVAILABLE -> 3_000_000_000d;
        case FULL -> 2_000_000_000d;
        case DRAINING -> 1_000_000_000d;
        case UNHEALTHY, DISABLED -> 0;
        };
        double cidrPoints = cidrRule.map(rule -> (rule.prefixLength() + 1) * 1_000_000d).orElse(0d);
        double proximityPoints = proximity.ordinal() * 100_000d;
        double distancePoints = Double.isNaN(distanceKm) ? 0
                : (DISTANCE_BANDS - Math.min(DISTANCE_BANDS, Math.floor(distanceKm / DISTANCE_BAND_KM))) * 1_000d;
        double loadPoints = Math.round((1 - Math.min(1, loadRatio)) * 999);
        return availabilityPoints + cidrPoints + proximityPoints + distancePoints + loadPoints;
    }

    String reason() {
        if (availability != Availability.AVAILABLE) {
            return availability.reason();
        }
        StringBuilder reason = new StringBuilder();
        if (cidrRule.isPresent()) {
            reason.append("cidr ").append(cidrRule.get());
        } else {
            reason.append(proximityReason);
            long km = Double.isNaN(distanceKm) ? 0 : Math.round(distanceKm);
            if (km > 0) {
                reason.append(", ").append(km).append(" km");
            }
        }
        reason.append(String.format(Locale.ROOT, ", load %d%%", Math.round(loadRatio * 100)));
        return reason.toString();
    }

    private static Optional<String> same(Optional<String> a, Optional<String> b) {
        return a.isPresent() && a.equals(b) ? a : Optional.empty();
    }
}
