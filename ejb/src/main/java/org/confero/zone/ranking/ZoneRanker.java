package org.confero.zone.ranking;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Ranks the meeting zones for one client of the meeting lookup. The client tries the zones it gets in this order
 * (measuring each zone controller itself), so the ranking only has to put the likely best zones first; it is
 * deterministic, so that every web server answers a client the same.
 *
 * <h2>Scoring</h2>
 *
 * <ol>
 * <li><b>Left out:</b> disabled zones.</li>
 * <li><b>Availability</b> comes first: available zones (enabled, at least one healthy router, participants below
 * capacity), then full zones, then draining zones, then zones without a healthy router. Within each group the rules
 * below apply.</li>
 * <li><b>Admin CIDR rules</b> (on-premises networks): a zone with a rule that contains the client address comes before
 * any zone without; between such zones, the most specific matching rule (longest prefix) wins.</li>
 * <li><b>Geo-IP proximity</b> of the client's location to the zone's: same country, then same continent, then elsewhere
 * (another continent or country), then unknown (the zone has no location, or the client cannot be located: private,
 * loopback and link-local addresses — RFC 1918, 100.64/10, 127/8, 169.254/16, ::1, fc00::/7, fe80::/10 — are never
 * looked up, and a public address the database does not know is not located).</li>
 * <li><b>Distance</b> by great circle between the two points (country centroids when the database gives only a
 * country), in 500 km bands: a nearer band first; within a band, distances count as equal because centroids are only
 * approximate, so load decides.</li>
 * <li><b>Load</b>: participants divided by capacity, lower first.</li>
 * <li><b>Ties</b>: exact load, then exact distance, then zone id, then zone name.</li>
 * </ol>
 *
 * <p>
 * The {@link RankedZone#score() score} is this order as one number, higher first, each tier outweighing everything
 * below it: availability 3·10⁹ (available), 2·10⁹ (full), 10⁹ (draining), 0 (no healthy router); plus (prefix length +
 * 1)·10⁶ for the best matching CIDR rule; plus 3·10⁵ same country, 2·10⁵ same continent, 10⁵ elsewhere, 0 unknown; plus
 * (40 − distance band)·10³ when the distance is known; plus (1 − load ratio)·999, rounded. The
 * {@link RankedZone#reason() reason} names what decided: {@code cidr 10.0.0.0/8, load 12%},
 * {@code same country DE, load 40%}, {@code same continent EU, 850 km, load 3%},
 * {@code other continent NA, 7300 km, load 0%}, {@code no location, load 5%}, {@code private client address, load 5%},
 * {@code full}, {@code draining}, {@code no healthy router}.
 *
 * <p>
 * Thread-safe if the {@link GeoIpLocator} is (the adapters are).
 */
public final class ZoneRanker {

    private final GeoIpLocator locator;

    public ZoneRanker(GeoIpLocator locator) {
        this.locator = Objects.requireNonNull(locator, "locator");
    }

    public List<RankedZone> rank(InetAddress client, List<ZoneCandidate> zones) {
        Objects.requireNonNull(client, "client");
        boolean privateClient = PrivateAddresses.contains(client);
        Optional<GeoPoint> clientLocation = privateClient ? Optional.empty() : locator.locate(client);
        String whyNotLocated = privateClient ? "private client address" : "client not located";

        List<ZoneScore> scores = zones.stream().filter(zone -> zone.availability() != Availability.DISABLED)
                .map(zone -> ZoneScore.of(zone, client, clientLocation, whyNotLocated)).sorted(ZoneScore.BEST_FIRST)
                .toList();
        List<RankedZone> ranked = new ArrayList<>(scores.size());
        for (ZoneScore score : scores) {
            ranked.add(new RankedZone(score.zone(), ranked.size() + 1, score.reason(), score.score()));
        }
        return List.copyOf(ranked);
    }
}
