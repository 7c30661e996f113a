package org.confero.zone.ranking;

import org.confero.protocol.net.Cidr;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class ZoneRankerTest {

    /** Client addresses of the tests and where the fake Geo-IP puts them. */
    private static final Map<String, GeoPoint> LOCATIONS = Map.of("193.99.144.80", GeoPoint.ofCountry("DE"),
            "212.27.48.10", GeoPoint.ofCountry("FR"), "8.8.8.8", GeoPoint.ofCountry("US"), "2001:4860:4860::8888",
            GeoPoint.ofCountry("US"));

    private final AtomicInteger lookups = new AtomicInteger();
    private final GeoIpLocator geoIp = address -> {
        lookups.incrementAndGet();
        return Optional.ofNullable(LOCATIONS.get(address.getHostAddress()));
    };
    private final ZoneRanker ranker = new ZoneRanker(geoIp);

    @Test
    void disabledZonesAreLeftOut() {
        List<RankedZone> ranked = rank("193.99.144.80",
                zone("off", ZoneState.DISABLED, GeoPoint.ofCountry("DE"), idle()),
                zone("on", ZoneState.ENABLED, GeoPoint.ofCountry("US"), idle()));

        assertThat(ids(ranked)).containsExactly("on");
    }

    @Test
    void fullDrainingAndUnhealthyZonesComeLastInThatOrder() {
        List<RankedZone> ranked = rank("193.99.144.80",
                zone("unhealthy", ZoneState.ENABLED, GeoPoint.ofCountry("DE"), new ZoneLoad(0, 100, 0)),
                zone("draining", ZoneState.DRAINING, GeoPoint.ofCountry("DE"), idle()),
                zone("full", ZoneState.ENABLED, GeoPoint.ofCountry("DE"), new ZoneLoad(100, 100, 2)),
                zone("far-away", ZoneState.ENABLED, GeoPoint.ofCountry("US"), new ZoneLoad(90, 100, 1)));

        assertThat(ids(ranked)).containsExactly("far-away", "full", "draining", "unhealthy");
        assertThat(ranked).extracting(RankedZone::reason).containsExactly("other continent NA, 7615 km, load 90%",
                "full", "draining", "no healthy router");
        assertThat(ranked).extracting(RankedZone::available).containsExactly(true, false, false, false);
    }

    @Test
    void aDrainingZoneThatIsAlsoFullOrUnhealthyCountsAsTheWorseOfThem() {
        assertThat(zone("a", ZoneState.DRAINING, null, new ZoneLoad(10, 10, 1)).availability())
                .isEqualTo(Availability.DRAINING);
        assertThat(zone("b", ZoneState.DRAINING, null, new ZoneLoad(0, 10, 0)).availability())
                .isEqualTo(Availability.UNHEALTHY);
        assertThat(zone("c", ZoneState.ENABLED, null, new ZoneLoad(0, 0, 1)).availability())
                .isEqualTo(Availability.FULL);
    }

    @Test
    void aMatchingCidrRuleBeatsGeoIpAndTheMostSpecificRuleWins() {
        List<RankedZone> ranked = rank("193.99.144.80",
                zone("same-country", ZoneState.ENABLED, GeoPoint.ofCountry("DE"), idle()),
                zone("wide-rule", ZoneState.ENABLED, GeoPoint.ofCountry("US"), idle(), "193.0.0.0/8"),
                zone("narrow-rule", ZoneState.ENABLED, GeoPoint.ofCountry("JP"), new ZoneLoad(99, 100, 1), "10.0.0.0/8",
                        "193.99.144.0/24", "193.99.0.0/16"),
                zone("other-rule", ZoneState.ENABLED, GeoPoint.ofCountry("US"), idle(), "198.51.100.0/24"));

        assertThat(ids(ranked)).containsExactly("narrow-rule", "wide-rule", "same-country", "other-rule");
        assertThat(ranked.get(0).reason()).isEqualTo("cidr 193.99.144.0/24, load 99%");
        assertThat(ranked.get(1).reason()).isEqualTo("cidr 193.0.0.0/8, load 0%");
    }

    @Test
    void cidrRulesStillCountForAZoneThatCannotTakeTheClient() {
        List<RankedZone> ranked = rank("10.1.2.3", zone("on-premises", ZoneState.DRAINING, null, idle(), "10.0.0.0/8"),
                zone("cloud", ZoneState.ENABLED, GeoPoint.ofCountry("DE"), idle()));

        assertThat(ids(ranked)).containsExactly("cloud", "on-premises");
    }

    @Test
    void ipv6ClientsMatchIpv6RulesOnly() {
        List<RankedZone> ranked = rank("2001:4860:4860::8888", zone("v4", ZoneState.ENABLED, null, idle(), "0.0.0.0/0"),
                zone("v6", ZoneState.ENABLED, null, new ZoneLoad(50, 100, 1), "2001:4860::/32"));

        assertThat(ids(ranked)).containsExactly("v6", "v4");
    }

    @Test
    void sameCountryThenSameContinentThenElsewhereThenUnknownLocation() {
        List<RankedZone> ranked = rank("193.99.144.80", zone("nowhere", ZoneState.ENABLED, GeoPoint.unknown(), idle()),
                zone("us", ZoneState.ENABLED, GeoPoint.ofCountry("US"), idle()),
                zone("fr", ZoneState.ENABLED, GeoPoint.ofCountry("FR"), idle()),
                zone("de", ZoneState.ENABLED, GeoPoint.ofCountry("DE"), new ZoneLoad(80, 100, 1)));

        assertThat(ids(ranked)).containsExactly("de", "fr", "us", "nowhere");
        assertThat(ranked).extracting(RankedZone::reason).containsExactly("same country DE, load 80%",
                "same continent EU, 824 km, load 0%", "other continent NA, 7615 km, load 0%", "no location, load 0%");
    }

    @Test
    void aNearerDistanceBandComesFirstWhateverTheLoad() {
        // From France: Madrid's zone is about 1000 km away, Helsinki's about 2100 km.
        List<RankedZone> ranked = rank("212.27.48.10",
                zone("helsinki", ZoneState.ENABLED, GeoPoint.of("FI", "EU", new Coordinates(60.17, 24.94)), idle()),
                zone("madrid", ZoneState.ENABLED, GeoPoint.of("ES", "EU", new Coordinates(40.42, -3.70)),
                        new ZoneLoad(90, 100, 1)));

        assertThat(ids(ranked)).containsExactly("madrid", "helsinki");
    }

    @Test
    void withinOneDistanceBandTheLessLoadedZoneComesFirst() {
        // From France's centroid, Frankfurt (~630 km) and Amsterdam (~720 km) are both in the 500–1000 km band.
        List<RankedZone> ranked = rank("212.27.48.10",
                zone("frankfurt", ZoneState.ENABLED, GeoPoint.of("DE", "EU", new Coordinates(50.11, 8.68)),
                        new ZoneLoad(60, 100, 1)),
                zone("amsterdam", ZoneState.ENABLED, GeoPoint.of("NL", "EU", new Coordinates(52.37, 4.90)),
                        new ZoneLoad(20, 100, 1)));

        assertThat(ids(ranked)).containsExactly("amsterdam", "frankfurt");
        assertThat(ranked.get(0).reason()).matches("same continent EU, \\d+ km, load 20%");
    }

    @Test
    void zonesWithOnlyAContinentCompareByContinent() {
        List<RankedZone> ranked = rank("8.8.8.8",
                zone("europe", ZoneState.ENABLED, GeoPoint.of(null, "EU", null), idle()),
                zone("america", ZoneState.ENABLED, GeoPoint.of(null, "NA", null), new ZoneLoad(70, 100, 1)));

        assertThat(ids(ranked)).containsExactly("america", "europe");
        assertThat(ranked).extracting(RankedZone::reason).containsExactly("same continent NA, load 70%",
                "other continent EU, load 0%");
    }

    @ParameterizedTest
    @ValueSource(strings = { "10.1.2.3", "172.16.0.1", "192.168.1.1", "127.0.0.1", "100.64.0.1", "169.254.1.1", "::1",
            "fd12:3456::1", "fe80::1" })
    void privateClientsAreNotLookedUpAndRankByCidrThenLoad(String client) {
        List<RankedZone> ranked = rank(client,
                zone("busy", ZoneState.ENABLED, GeoPoint.ofCountry("DE"), new ZoneLoad(50, 100, 1)),
                zone("idle", ZoneState.ENABLED, GeoPoint.ofCountry("DE"), new ZoneLoad(10, 100, 1)),
                zone("on-premises", ZoneState.ENABLED, GeoPoint.ofCountry("US"), new ZoneLoad(90, 100, 1), "10.0.0.0/8",
                        "fd00::/8"));

        assertThat(lookups).hasValue(0);
        boolean inRule = client.startsWith("10.") || client.startsWith("fd");
        assertThat(ids(ranked)).containsExactlyElementsOf(
                inRule ? List.of("on-premises", "idle", "busy") : List.of("idle", "busy", "on-premises"));
        assertThat(ranked.get(inRule ? 1 : 0).reason()).isEqualTo("private client address, load 10%");
    }

    @Test
    void aPublicClientTheDatabaseDoesNotKnowIsRankedByLoad() {
        List<RankedZone> ranked = rank("9.9.9.9",
                zone("b", ZoneState.ENABLED, GeoPoint.ofCountry("DE"), new ZoneLoad(5, 10, 1)),
                zone("a", ZoneState.ENABLED, GeoPoint.ofCountry("US"), new ZoneLoad(30, 100, 1)));

        assertThat(lookups).hasValue(1);
        assertThat(ids(ranked)).containsExactly("a", "b");
        assertThat(ranked.get(0).reason()).isEqualTo("client not located, load 30%");
    }

    @Test
    void equalZonesAreOrderedByIdWhateverTheInputOrder() {
        List<ZoneCandidate> zones = new ArrayList<>();
        for (String id : List.of("zone-c", "zone-a", "zone-e", "zone-b", "zone-d")) {
            zones.add(zone(id, ZoneState.ENABLED, GeoPoint.ofCountry("DE"), new ZoneLoad(10, 100, 1)));
        }
        List<String> expected = List.of("zone-a", "zone-b", "zone-c", "zone-d", "zone-e");
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(zones, random);
            assertThat(ids(ranker.rank(address("193.99.144.80"), zones))).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void ranksCountFromOneAndScoresNeverIncreaseDownTheList() {
        List<RankedZone> ranked = rank("193.99.144.80",
                zone("a", ZoneState.DRAINING, GeoPoint.ofCountry("DE"), idle(), "193.99.144.0/24"),
                zone("b", ZoneState.ENABLED, GeoPoint.ofCountry("FR"), new ZoneLoad(1, 3, 1)),
                zone("c", ZoneState.ENABLED, GeoPoint.ofCountry("DE"), new ZoneLoad(2, 3, 1)),
                zone("d", ZoneState.ENABLED, null, idle(), "193.99.0.0/16"),
                zone("e", ZoneState.ENABLED, GeoPoint.ofCountry("BR"), new ZoneLoad(3, 3, 1)),
                zone("f", ZoneState.ENABLED, GeoPoint.ofCountry("US"), idle()));

        assertThat(ranked).extracting(RankedZone::rank).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(ids(ranked)).containsExactly("d", "c", "b", "f", "e", "a");
        for (int i = 1; i < ranked.size(); i++) {
            assertThat(ranked.get(i).score()).isLessThanOrEqualTo(ranked.get(i - 1).score());
        }
    }

    @Test
    void theScoreAddsUpTheDocumentedWeights() {
        List<RankedZone> ranked = rank("193.99.144.80",
                zone("cidr", ZoneState.ENABLED, null, new ZoneLoad(25, 100, 1), "193.99.144.0/24"),
                zone("de", ZoneState.ENABLED, GeoPoint.ofCountry("DE"), new ZoneLoad(50, 100, 1)),
                zone("full", ZoneState.ENABLED, GeoPoint.ofCountry("DE"), new ZoneLoad(100, 100, 1)));

        // 3e9 available + 25e6 for a /24 + 0 unknown location + round(0.75 × 999)
        assertThat(ranked.get(0).score()).isEqualTo(3_000_000_000d + 25_000_000 + 749);
        // 3e9 available + 3e5 same country + 40 bands × 1e3 (0 km) + round(0.5 × 999)
        assertThat(ranked.get(1).score()).isEqualTo(3_000_000_000d + 300_000 + 40_000 + 500);
        // 2e9 full + 3e5 same country + 40e3 + 0 for load
        assertThat(ranked.get(2).score()).isEqualTo(2_000_000_000d + 300_000 + 40_000);
    }

    @Test
    void noZonesGiveAnEmptyRanking() {
        assertThat(ranker.rank(address("8.8.8.8"), List.of())).isEmpty();
    }

    private List<RankedZone> rank(String client, ZoneCandidate... zones) {
        return ranker.rank(address(client), List.of(zones));
    }

    private static ZoneCandidate zone(String id, ZoneState state, GeoPoint location, ZoneLoad load, String... rules) {
        return new ZoneCandidate(id, "Zone " + id, state, location, List.of(rules).stream().map(Cidr::parse).toList(),
                load);
    }

    private static ZoneLoad idle() {
        return new ZoneLoad(0, 100, 1);
    }

    private static List<String> ids(List<RankedZone> ranked) {
        return ranked.stream().map(zone -> zone.zone().id()).toList();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByAddress(Cidr.literalAddress(literal).orElseThrow());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
