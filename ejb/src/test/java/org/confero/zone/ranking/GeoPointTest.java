package org.confero.zone.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class GeoPointTest {

    @Test
    void everyIsoCountryHasAContinentAndACentroid() {
        for (String country : Locale.getISOCountries()) {
            GeoPoint point = GeoPoint.ofCountry(country);
            assertThat(point.continent()).as(country).isPresent();
            assertThat(point.coordinates()).as(country).isPresent();
        }
        assertThat(CountryCentroids.size()).isGreaterThanOrEqualTo(Locale.getISOCountries().length);
    }

    @Test
    void continentsFollowTheMaxMindConvention() {
        assertThat(GeoPoint.ofCountry("de").continent()).contains("EU");
        assertThat(GeoPoint.ofCountry("RU").continent()).contains("EU");
        assertThat(GeoPoint.ofCountry("TR").continent()).contains("AS");
        assertThat(GeoPoint.ofCountry("EG").continent()).contains("AF");
        assertThat(GeoPoint.ofCountry("MX").continent()).contains("NA");
        assertThat(GeoPoint.ofCountry("BR").continent()).contains("SA");
        assertThat(GeoPoint.ofCountry("NZ").continent()).contains("OC");
        assertThat(GeoPoint.ofCountry("AQ").continent()).contains("AN");
    }

    @Test
    void registryPseudoCodesHaveAContinentButNoPoint() {
        GeoPoint europe = GeoPoint.ofCountry("EU");

        assertThat(europe.continent()).contains("EU");
        assertThat(europe.coordinates()).isEmpty();
    }

    @Test
    void anUnlistedCountryKeepsItsCodeOnly() {
        GeoPoint unknown = GeoPoint.ofCountry("ZZ");

        assertThat(unknown.country()).contains("ZZ");
        assertThat(unknown.continent()).isEmpty();
        assertThat(unknown.coordinates()).isEmpty();
        assertThat(unknown.isUnknown()).isFalse();
    }

    @Test
    void completedKeepsWhatIsKnown() {
        Coordinates frankfurt = new Coordinates(50.11, 8.68);

        GeoPoint point = GeoPoint.of("DE", null, frankfurt).completed();

        assertThat(point.continent()).contains("EU");
        assertThat(point.coordinates()).contains(frankfurt);
    }

    @Test
    void rejectsCodesThatAreNotCodes() {
        assertThatThrownBy(() -> GeoPoint.of("DEU", null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an ISO 3166-1 alpha-2 country code: 'DEU'");
        assertThatThrownBy(() -> GeoPoint.of("Ä1", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeoPoint.of(null, "Europe", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a continent code");
    }

    @Test
    void distanceIsTheGreatCircle() {
        Coordinates berlin = new Coordinates(52.52, 13.405);
        Coordinates paris = new Coordinates(48.8566, 2.3522);
        Coordinates sydney = new Coordinates(-33.8688, 151.2093);

        assertThat(berlin.distanceKm(paris)).isCloseTo(878, within(5.0));
        assertThat(paris.distanceKm(berlin)).isCloseTo(berlin.distanceKm(paris), within(1e-9));
        assertThat(berlin.distanceKm(sydney)).isCloseTo(16_090, within(50.0));
        assertThat(berlin.distanceKm(berlin)).isZero();
    }

    @Test
    void coordinatesMustBeOnTheEarth() {
        assertThatThrownBy(() -> new Coordinates(91, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Coordinates(0, -181)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Coordinates(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loadFiguresMustNotBeNegative() {
        assertThatThrownBy(() -> new ZoneLoad(-1, 10, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ZoneLoad(0, 0, 1).ratio()).isEqualTo(1.0);
        assertThat(new ZoneLoad(150, 100, 1).full()).isTrue();
    }
}
