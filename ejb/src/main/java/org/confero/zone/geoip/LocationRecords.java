package org.confero.zone.geoip;

import org.confero.zone.ranking.Coordinates;
import org.confero.zone.ranking.GeoPoint;

import java.util.Map;
import java.util.Optional;

/**
 * Reads a location out of one decoded database record, whatever the database's layout: decoded as a plain map rather
 * than into a class, because admins may bring any country or city database and the layouts disagree on types (a
 * {@code country} is a map in GeoIP2 and a string in others).
 *
 * <p>
 * Layouts understood: {@code {country_code}} (the default ip-location-db database), {@code {country: {iso_code},
 * continent: {code}, location: {latitude, longitude}}} (GeoIP2/GeoLite2 Country and City, DB-IP Lite), falling back to
 * {@code registered_country} where {@code country} is absent, and flat {@code country}/{@code continent} or
 * {@code continent_code} strings. Values that are not valid codes or coordinates are ignored, not trusted.
 */
final class LocationRecords {

    private LocationRecords() {
    }

    static Optional<GeoPoint> toGeoPoint(Map<?, ?> record) {
        Optional<String> country = text(record, "country_code").or(() -> text(map(record, "country"), "iso_code"))
                .or(() -> text(record, "country")).or(() -> text(map(record, "registered_country"), "iso_code"))
                .filter(GeoPoint::isCountryCode);
        Optional<String> continent = text(record, "continent_code").or(() -> text(map(record, "continent"), "code"))
                .or(() -> text(record, "continent")).filter(GeoPoint::isContinentCode);
        Map<?, ?> location = map(record, "location");
        Optional<Coordinates> coordinates = coordinates(location).or(() -> coordinates(record));
        GeoPoint point = GeoPoint.of(country.orElse(null), continent.orElse(null), coordinates.orElse(null))
                .completed();
        return point.isUnknown() ? Optional.empty() : Optional.of(point);
    }

    private static Optional<Coordinates> coordinates(Map<?, ?> record) {
        if (record.get("latitude") instanceof Number latitude && record.get("longitude") instanceof Number longitude) {
            try {
                return Optional.of(new Coordinates(latitude.doubleValue(), longitude.doubleValue()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<String> text(Map<?, ?> record, String key) {
        return record.get(key) instanceof String value && !value.isBlank() ? Optional.of(value) : Optional.empty();
    }

    private static Map<?, ?> map(Map<?, ?> record, String key) {
        return record.get(key) instanceof Map<?, ?> value ? value : Map.of();
    }
}
