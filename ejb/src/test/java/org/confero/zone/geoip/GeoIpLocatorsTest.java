package org.confero.zone.geoip;

import org.confero.zone.ranking.GeoIpLocator;
import org.confero.zone.ranking.GeoPoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class GeoIpLocatorsTest {

    @TempDir
    Path dir;

    @Test
    void theAdminsDatabaseComesFirst() throws Exception {
        Path admin = new MmdbWriter(6, "GeoLite2-Country")
                .insert("193.99.144.0/21", Map.of("country", Map.of("iso_code", "AT")))
                .writeTo(dir.resolve("GeoLite2-Country.mmdb"));
        Path defaultDatabase = TestDatabases.countryCodes(dir);

        try (GeoIpLocator locator = GeoIpLocators.open(Optional.of(" " + admin + " "), defaultDatabase)) {
            assertThat(locator.describe()).startsWith("MaxMind DB " + admin + " (GeoLite2-Country");
            assertThat(country(locator, "193.99.144.80")).contains("AT");
        }
    }

    @Test
    void withoutAnAdminDatabaseTheDefaultIsUsed() throws Exception {
        Path defaultDatabase = TestDatabases.countryCodes(dir);

        for (Optional<String> unset : new Optional[] { Optional.empty(), Optional.of(""), Optional.of("  ") }) {
            try (GeoIpLocator locator = GeoIpLocators.open(unset, defaultDatabase)) {
                assertThat(locator.describe()).startsWith("MaxMind DB " + defaultDatabase);
                assertThat(country(locator, "193.99.144.80")).contains("DE");
            }
        }
    }

    @Test
    void anUnusableAdminDatabaseFallsBackToTheDefault() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.mmdb"), "not a database");
        Path defaultDatabase = TestDatabases.countryCodes(dir);

        try (GeoIpLocator locator = GeoIpLocators.open(Optional.of(broken.toString()), defaultDatabase)) {
            assertThat(locator.describe()).startsWith("MaxMind DB " + defaultDatabase);
        }
    }

    @Test
    void withNoUsableDatabaseTheRankingGoesOnWithoutGeoIpAndSaysWhy() throws IOException {
        Path missingAdmin = dir.resolve("GeoLite2-City.mmdb");
        Path corruptDefault = Files.write(dir.resolve(GeoIpLocators.DEFAULT_FILE_NAME), new byte[1000]);

        GeoIpLocator locator = GeoIpLocators.open(Optional.of(missingAdmin.toString()), corruptDefault);

        assertThat(locator).isInstanceOf(NoGeoIp.class);
        assertThat(locator.locate(InetAddress.getByName("193.99.144.80"))).isEmpty();
        assertThat(((NoGeoIp) locator).reason())
                .startsWith("Geo-IP database " + missingAdmin + " does not exist; Geo-IP database " + corruptDefault
                        + " is not a usable MaxMind DB file")
                .endsWith("(set confero.geoip.database or run scripts/fetch-geoip.sh " + dir + ")");
        assertThat(locator.describe()).startsWith("no Geo-IP: Geo-IP database " + missingAdmin);
    }

    @Test
    void aMissingDefaultDatabaseNamesTheScriptThatFetchesIt() {
        Path defaultDatabase = GeoIpLocators.defaultDatabase(dir);

        GeoIpLocator locator = GeoIpLocators.open(Optional.empty(), defaultDatabase);

        assertThat(locator).isEqualTo(new NoGeoIp("Geo-IP database " + defaultDatabase
                + " does not exist (set confero.geoip.database or run scripts/fetch-geoip.sh " + dir.resolve("geoip")
                + ")"));
    }

    @Test
    void aConfiguredValueThatIsNoPathIsReported() {
        GeoIpLocator locator = GeoIpLocators.open(Optional.of("bad\0path"), dir.resolve("none.mmdb"));

        assertThat(((NoGeoIp) locator).reason()).startsWith("'bad\0path' is not a file path; ");
    }

    @Test
    void theDefaultDatabaseLivesUnderTheDataPath() {
        assertThat(GeoIpLocators.defaultDatabase(Path.of("/srv/confero")))
                .isEqualTo(Path.of("/srv/confero/geoip/geo-whois-asn-country.mmdb"));
    }

    private static Optional<String> country(GeoIpLocator locator, String address) throws IOException {
        return locator.locate(InetAddress.getByName(address)).flatMap(GeoPoint::country);
    }
}
