package org.confero.zone.geoip;

import org.confero.zone.ranking.Coordinates;
import org.confero.zone.ranking.GeoPoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class MaxMindGeoIpLocatorTest {

    @TempDir
    Path dir;

    @Test
    void locatesAnIpv4AddressByCountryCodeAndCompletesContinentAndCentroid() throws Exception {
        try (MaxMindGeoIpLocator locator = MaxMindGeoIpLocator.open(TestDatabases.countryCodes(dir))) {
            GeoPoint heise = locator.locate(InetAddress.getByName("193.99.144.80")).orElseThrow();

            assertThat(heise.country()).contains("DE");
            assertThat(heise.continent()).contains("EU");
            assertThat(heise.coordinates()).isPresent();
            assertThat(heise).isEqualTo(GeoPoint.ofCountry("DE"));
        }
    }

    @Test
    void locatesIpv6AndIpv4MappedAddresses() throws Exception {
        try (MaxMindGeoIpLocator locator = MaxMindGeoIpLocator.open(TestDatabases.countryCodes(dir))) {
            assertThat(locator.locate(InetAddress.getByName("2a01:e00::1")).flatMap(GeoPoint::country)).contains("FR");
            assertThat(locator.locate(InetAddress.getByName("2001:4860:4860::8888")).flatMap(GeoPoint::country))
                    .contains("US");
            assertThat(locator.locate(InetAddress.getByName("::ffff:8.8.8.8")).flatMap(GeoPoint::country))
                    .contains("US");
        }
    }

    @Test
    void anAddressOutsideTheDatabaseIsNotLocated() throws Exception {
        try (MaxMindGeoIpLocator locator = MaxMindGeoIpLocator.open(TestDatabases.countryCodes(dir))) {
            assertThat(locator.locate(InetAddress.getByName("9.9.9.9"))).isEmpty();
            assertThat(locator.locate(InetAddress.getByName("2606:4700::1111"))).isEmpty();
        }
    }

    @Test
    void readsGeoLite2CityRecordsWithTheirOwnCoordinates() throws Exception {
        Path city = new MmdbWriter(6, "GeoLite2-City")
                .insert("81.169.128.0/17",
                        Map.of("city", Map.of("names", Map.of("en", "Berlin")), "continent",
                                Map.of("code", "EU", "geoname_id", 6255148, "names", Map.of("en", "Europe")), "country",
                                Map.of("iso_code", "DE", "geoname_id", 2921044), "location",
                                Map.of("accuracy_radius", 20, "latitude", 52.52, "longitude", 13.40, "time_zone",
                                        "Europe/Berlin")))
                .insert("1.1.1.0/24", Map.of("registered_country", Map.of("iso_code", "AU")))
                .writeTo(dir.resolve("city.mmdb"));

        try (MaxMindGeoIpLocator locator = MaxMindGeoIpLocator.open(city)) {
            GeoPoint berlin = locator.locate(InetAddress.getByName("81.169.145.1")).orElseThrow();
            assertThat(berlin.country()).contains("DE");
            assertThat(berlin.continent()).contains("EU");
            Coordinates point = berlin.coordinates().orElseThrow();
            assertThat(point.latitude()).isCloseTo(52.52, within(1e-9));
            assertThat(point.longitude()).isCloseTo(13.40, within(1e-9));

            // Without a country (an anycast block, a satellite provider), the registered country stands in.
            assertThat(locator.locate(InetAddress.getByName("1.1.1.1")).flatMap(GeoPoint::country)).contains("AU");
        }
    }

    @Test
    void ignoresValuesThatAreNotCodesOrCoordinates() throws Exception {
        Path odd = new MmdbWriter(4, "odd").insert("8.8.0.0/15", Map.of("country_code", "United States"))
                .insert("1.1.1.0/24",
                        Map.of("country", "AU", "continent", "Oceania", "latitude", 123.0, "longitude", 10.0))
                .writeTo(dir.resolve("odd.mmdb"));

        try (MaxMindGeoIpLocator locator = MaxMindGeoIpLocator.open(odd)) {
            assertThat(locator.locate(InetAddress.getByName("8.8.8.8"))).isEmpty();
            // The flat country string is understood; the bad continent and latitude are replaced from the table.
            assertThat(locator.locate(InetAddress.getByName("1.1.1.1"))).contains(GeoPoint.ofCountry("AU"));
        }
    }

    @Test
    void anIpv4OnlyDatabaseDoesNotAnswerForIpv6Addresses() throws Exception {
        Path ipv4 = new MmdbWriter(4, "country ipv4").insert("0.0.0.0/1", Map.of("country_code", "US"))
                .insert("128.0.0.0/1", Map.of("country_code", "DE")).writeTo(dir.resolve("ipv4.mmdb"));

        try (MaxMindGeoIpLocator locator = MaxMindGeoIpLocator.open(ipv4)) {
            assertThat(locator.locate(InetAddress.getByName("193.99.144.80")).flatMap(GeoPoint::country))
                    .contains("DE");
            assertThat(locator.locate(InetAddress.getByName("2001:4860:4860::8888"))).isEmpty();
        }
    }

    @Test
    void aMissingFileIsAClearError() {
        Path missing = dir.resolve("nowhere.mmdb");

        assertThatThrownBy(() -> MaxMindGeoIpLocator.open(missing)).isInstanceOf(GeoIpDatabaseException.class)
                .hasMessage("Geo-IP database " + missing + " does not exist");
    }

    @Test
    void aDirectoryIsAClearError() {
        assertThatThrownBy(() -> MaxMindGeoIpLocator.open(dir)).isInstanceOf(GeoIpDatabaseException.class)
                .hasMessage("Geo-IP database " + dir + " is not a readable file");
    }

    @Test
    void aFileThatIsNoMaxMindDbIsAClearError() throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.mmdb"), "this is not a database\n".repeat(100));

        assertThatThrownBy(() -> MaxMindGeoIpLocator.open(garbage)).isInstanceOf(GeoIpDatabaseException.class)
                .hasMessageStartingWith("Geo-IP database " + garbage + " is not a usable MaxMind DB file");
    }

    @Test
    void aTruncatedFileIsAClearError() throws IOException {
        byte[] whole = Files.readAllBytes(TestDatabases.countryCodes(dir));
        Path truncated = Files.write(dir.resolve("truncated.mmdb"), Arrays.copyOf(whole, whole.length - 40));

        assertThatThrownBy(() -> MaxMindGeoIpLocator.open(truncated)).isInstanceOf(GeoIpDatabaseException.class)
                .hasMessageStartingWith("Geo-IP database " + truncated + " is not a usable MaxMind DB file");
    }

    @Test
    void anEmptyFileIsAClearError() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.mmdb"));

        assertThatThrownBy(() -> MaxMindGeoIpLocator.open(empty)).isInstanceOf(GeoIpDatabaseException.class)
                .hasMessageStartingWith("Geo-IP database " + empty + " is not a usable MaxMind DB file");
    }

    @Test
    void aDamagedDataSectionLeavesTheClientUnlocatedInsteadOfFailing() throws Exception {
        MmdbWriter writer = new MmdbWriter(4, "damaged").insert("8.8.0.0/15", Map.of("country_code", "US"));
        byte[] bytes = writer.toBytes();
        int dataStart = indexOf(bytes, new byte[16]) + 16;
        // A pointer (type 1) far past the end of the file where the record's map should start.
        bytes[dataStart] = (byte) 0x3F;
        bytes[dataStart + 1] = (byte) 0xFF;
        bytes[dataStart + 2] = (byte) 0xFF;
        bytes[dataStart + 3] = (byte) 0xFF;
        bytes[dataStart + 4] = (byte) 0xFF;
        Path damaged = Files.write(dir.resolve("damaged.mmdb"), bytes);

        try (MaxMindGeoIpLocator locator = MaxMindGeoIpLocator.open(damaged)) {
            assertThat(locator.locate(InetAddress.getByName("8.8.8.8"))).isEmpty();
            assertThat(locator.locate(InetAddress.getByName("8.8.4.4"))).isEmpty();
        }
    }

    @Test
    void lookupsAfterCloseAreNotLocatedInsteadOfFailing() throws Exception {
        MaxMindGeoIpLocator locator = MaxMindGeoIpLocator.open(TestDatabases.countryCodes(dir));
        locator.close();

        assertThat(locator.locate(InetAddress.getByName("193.99.144.80"))).isEmpty();
    }

    @Test
    void describesTheDatabase() throws Exception {
        Path file = TestDatabases.countryCodes(dir);
        try (MaxMindGeoIpLocator locator = MaxMindGeoIpLocator.open(file)) {
            assertThat(locator.describe())
                    .isEqualTo("MaxMind DB " + file + " (country ipvAll, IPv6, built 2023-11-14T22:13:20Z)");
        }
    }

    @Test
    void answersTheSameFromManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (MaxMindGeoIpLocator locator = MaxMindGeoIpLocator.open(TestDatabases.countryCodes(dir))) {
            List<String> addresses = List.of("193.99.144.80", "212.27.48.10", "8.8.8.8", "133.242.0.1",
                    "200.147.67.142", "41.0.0.1", "2a01:e00::1", "9.9.9.9");
            List<Callable<List<Optional<String>>>> tasks = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                tasks.add(() -> {
                    List<Optional<String>> countries = new ArrayList<>();
                    for (int round = 0; round < 200; round++) {
                        for (String address : addresses) {
                            countries.add(locator.locate(InetAddress.getByName(address)).flatMap(GeoPoint::country));
                        }
                    }
                    return countries.subList(0, addresses.size());
                });
            }
            for (Future<List<Optional<String>>> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).containsExactly(Optional.of("DE"), Optional.of("FR"), Optional.of("US"),
                        Optional.of("JP"), Optional.of("BR"), Optional.of("ZA"), Optional.of("FR"), Optional.empty());
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void writerRoundTripsTheMetadataTheReaderNeeds() throws Exception {
        // Guards the test writer itself: a uint64 build epoch and a uint32 node count as the format requires.
        MmdbWriter writer = new MmdbWriter(6, "x").insert("::/1", Map.of("n", BigInteger.TEN));
        try (MaxMindGeoIpLocator locator = MaxMindGeoIpLocator.open(writer.writeTo(dir.resolve("x.mmdb")))) {
            assertThat(locator.locate(InetAddress.getByName("::2"))).isEmpty();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
