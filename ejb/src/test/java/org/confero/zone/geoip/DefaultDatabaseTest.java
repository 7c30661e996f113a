package org.confero.zone.geoip;

import org.confero.zone.ranking.GeoIpLocator;
import org.confero.zone.ranking.GeoPoint;
import org.confero.zone.ranking.ZoneCandidate;
import org.confero.zone.ranking.ZoneLoad;
import org.confero.zone.ranking.ZoneRanker;
import org.confero.zone.ranking.ZoneState;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Reads the real default database that {@code scripts/fetch-geoip.sh} downloads, to catch a change of its layout. Runs
 * only when {@code CONFERO_GEOIP_TEST_DATABASE} names the file, because tests must not need the network.
 */
@Timeout(30)
@EnabledIfEnvironmentVariable(named = "CONFERO_GEOIP_TEST_DATABASE", matches = ".+")
class DefaultDatabaseTest {

    private static final ZoneLoad LOAD = new ZoneLoad(10, 100, 1);

    @Test
    void locatesWellKnownAddresses() throws Exception {
        Path file = Path.of(System.getenv("CONFERO_GEOIP_TEST_DATABASE"));
        try (MaxMindGeoIpLocator locator = MaxMindGeoIpLocator.open(file)) {
            assertThat(locator.locate(InetAddress.getByName("193.99.144.80"))).contains(GeoPoint.ofCountry("DE"));
            assertThat(locator.locate(InetAddress.getByName("212.27.48.10"))).contains(GeoPoint.ofCountry("FR"));
            assertThat(locator.locate(InetAddress.getByName("2001:4860:4860::8888")))
                    .contains(GeoPoint.ofCountry("US"));
            assertThat(locator.locate(InetAddress.getByName("10.1.2.3"))).isEmpty();
        }
    }

    @Test
    void ranksTheClientsCountryFirst() throws Exception {
        Path file = Path.of(System.getenv("CONFERO_GEOIP_TEST_DATABASE"));
        List<ZoneCandidate> zones = List.of(
                new ZoneCandidate("fra", "Frankfurt", ZoneState.ENABLED, GeoPoint.ofCountry("DE"), List.of(), LOAD),
                new ZoneCandidate("iad", "Virginia", ZoneState.ENABLED, GeoPoint.ofCountry("US"), List.of(), LOAD),
                new ZoneCandidate("cdg", "Paris", ZoneState.ENABLED, GeoPoint.ofCountry("FR"), List.of(), LOAD));
        try (GeoIpLocator locator = GeoIpLocators.open(Optional.of(file.toString()), file)) {
            ZoneRanker ranker = new ZoneRanker(locator);

            assertThat(ranker.rank(InetAddress.getByName("212.27.48.10"), zones))
                    .extracting(ranked -> ranked.zone().id()).containsExactly("cdg", "fra", "iad");
            assertThat(ranker.rank(InetAddress.getByName("8.8.8.8"), zones)).extracting(ranked -> ranked.zone().id())
                    .containsExactly("iad", "cdg", "fra");
        }
    }
}
