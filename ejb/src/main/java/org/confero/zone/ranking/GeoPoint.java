package org.confero.zone.ranking;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a client or a zone is, as far as known: an ISO 3166-1 alpha-2 country code, a continent code (AF, AN, AS, EU,
 * NA, OC, SA, as MaxMind databases use them) and coordinates. Any of the three may be missing; a Geo-IP country
 * database often gives the country alone, which {@link #completed()} fills from {@link CountryCentroids}.
 */
public final class GeoPoint {

    private static final Set<String> CONTINENTS = Set.of("AF", "AN", "AS", "EU", "NA", "OC", "SA");
    private static final GeoPoint UNKNOWN = new GeoPoint(null, null, null);

    private final String country;
    private final String continent;
    private final Coordinates coordinates;

    private GeoPoint(String country, String continent, Coordinates coordinates) {
        this.country = country;
        this.continent = continent;
        this.coordinates = coordinates;
    }

    public static GeoPoint unknown() {
        return UNKNOWN;
    }

    /**
     * A point from what is known; {@code null} for what is not. Codes are case-insensitive.
     *
     * @throws IllegalArgumentException
     *             when a code is present but not a two-letter country code or one of the seven continent codes
     */
    public static GeoPoint of(String country, String continent, Coordinates coordinates) {
        return new GeoPoint(normalisedCountry(country), normalisedContinent(continent), coordinates);
    }

    /** The country with the continent and approximate centroid from {@link CountryCentroids} where it lists them. */
    public static GeoPoint ofCountry(String country) {
        return of(Objects.requireNonNull(country, "country"), null, null).completed();
    }

    /** This point with its missing continent and coordinates taken from the country's entry in the centroid table. */
    public GeoPoint completed() {
        if (country == null || (continent != null && coordinates != null)) {
            return this;
        }
        return CountryCentroids.lookup(country).map(known -> new GeoPoint(country,
                continent != null ? continent : known.continent, coordinates != null ? coordinates : known.coordinates))
                .orElse(this);
    }

    public Optional<String> country() {
        return Optional.ofNullable(country);
    }

    public Optional<String> continent() {
        return Optional.ofNullable(continent);
    }

    public Optional<Coordinates> coordinates() {
        return Optional.ofNullable(coordinates);
    }

    public boolean isUnknown() {
        return country == null && continent == null && coordinates == null;
    }

    /** True for two ASCII letters in either case; whether ISO assigned them is not checked. */
    public static boolean isCountryCode(String code) {
        return code != null && code.trim().length() == 2 && isAsciiLetter(code.trim().charAt(0))
                && isAsciiLetter(code.trim().charAt(1));
    }

    /** True for one of AF, AN, AS, EU, NA, OC, SA in either case. */
    public static boolean isContinentCode(String code) {
        return code != null && CONTINENTS.contains(code.trim().toUpperCase(Locale.ROOT));
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static String normalisedCountry(String code) {
        if (code == null) {
            return null;
        }
        if (!isCountryCode(code)) {
            throw new IllegalArgumentException("not an ISO 3166-1 alpha-2 country code: '" + code + "'");
        }
        return code.trim().toUpperCase(Locale.ROOT);
    }

    private static String normalisedContinent(String code) {
        if (code == null) {
            return null;
        }
        if (!isContinentCode(code)) {
            throw new IllegalArgumentException("not a continent code " + CONTINENTS + ": '" + code + "'");
        }
        return code.trim().toUpperCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GeoPoint that && Objects.equals(country, that.country)
                && Objects.equals(continent, that.continent) && Objects.equals(coordinates, that.coordinates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(country, continent, coordinates);
    }

    @Override
    public String toString() {
        if (isUnknown()) {
            return "unknown";
        }
        StringBuilder text = new StringBuilder();
        text.append(country == null ? "-" : country).append('/').append(continent == null ? "-" : continent);
        if (coordinates != null) {
            text.append(String.format(Locale.ROOT, " (%.2f, %.2f)", coordinates.latitude(), coordinates.longitude()));
        }
        return text.toString();
    }
}
