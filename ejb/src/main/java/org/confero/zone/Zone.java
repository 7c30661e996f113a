package org.confero.zone;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.confero.protocol.net.Cidr;
import org.confero.zone.ranking.Coordinates;
import org.confero.zone.ranking.GeoPoint;
import org.confero.zone.ranking.ZoneState;

/**
 * A meeting zone: a named group of servers in one place, reached through its zone controllers. Admins enable, drain (no
 * new meetings) or disable it, and may bind client networks to it with CIDR rules (on-premises zones).
 */
@Entity
@Table(name = "zones")
@NamedQuery(name = "Zone.all", query = "SELECT z FROM Zone z ORDER BY z.id")
@NamedQuery(name = "Zone.count", query = "SELECT COUNT(z) FROM Zone z")
public class Zone {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    @Id
    @Column(length = 64)
    private String id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(length = 100)
    private String region;

    @Column(length = 2)
    private String country;

    @Column(length = 2)
    private String continent;

    private Double latitude;

    private Double longitude;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ZoneState state;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "zone_controllers", joinColumns = @JoinColumn(name = "zone_id"))
    @OrderColumn(name = "position")
    @Column(name = "url", nullable = false, length = 500)
    private List<String> controllerUrls = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "zone_cidr_rules", joinColumns = @JoinColumn(name = "zone_id"))
    @OrderColumn(name = "position")
    @Column(name = "cidr", nullable = false, length = 50)
    private List<String> cidrRules = new ArrayList<>();

    @Version
    private long version;

    protected Zone() {
        // for JPA
    }

    public Zone(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("zone id must be 1-64 of a-z 0-9 - starting with a letter or digit");
        }
        this.id = id;
        this.name = id;
        this.state = ZoneState.ENABLED;
    }

    public void describe(String newName, String newRegion) {
        if (newName == null || newName.isBlank() || newName.length() > 200) {
            throw new IllegalArgumentException("name must be 1-200 characters");
        }
        if (newRegion != null && newRegion.length() > 100) {
            throw new IllegalArgumentException("region must be at most 100 characters");
        }
        this.name = newName.strip();
        this.region = newRegion;
    }

    /** Where the zone is, for Geo-IP ranking; a country alone is enough (its continent and centroid are derived). */
    public void locate(String newCountry, String newContinent, Double newLatitude, Double newLongitude) {
        String countryCode = newCountry == null ? null : newCountry.toUpperCase(Locale.ROOT);
        String continentCode = newContinent == null ? null : newContinent.toUpperCase(Locale.ROOT);
        if ((newLatitude == null) != (newLongitude == null)) {
            throw new IllegalArgumentException("latitude and longitude go together");
        }
        Coordinates coordinates = newLatitude == null ? null : new Coordinates(newLatitude, newLongitude);
        GeoPoint.of(countryCode, continentCode, coordinates); // validates the codes and ranges
        this.country = countryCode;
        this.continent = continentCode;
        this.latitude = newLatitude;
        this.longitude = newLongitude;
    }

    public void route(List<String> newControllerUrls, List<String> newCidrRules) {
        List<String> urls = new ArrayList<>();
        for (String url : newControllerUrls) {
            urls.add(requireHttpUrl(url));
        }
        List<String> rules = new ArrayList<>();
        for (String rule : newCidrRules) {
            rules.add(Cidr.parse(rule).toString());
        }
        controllerUrls.clear();
        controllerUrls.addAll(urls);
        cidrRules.clear();
        cidrRules.addAll(rules);
    }

    public void changeState(ZoneState newState) {
        this.state = Objects.requireNonNull(newState, "state");
    }

    static String requireHttpUrl(String url) {
        try {
            URI uri = URI.create(Objects.requireNonNull(url, "url"));
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || url.length() > 500) {
                throw new IllegalArgumentException("not an http(s) URL: '" + url + "'");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an http(s) URL: '" + url + "'");
        }
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    public Optional<String> country() {
        return Optional.ofNullable(country);
    }

    public Optional<String> continent() {
        return Optional.ofNullable(continent);
    }

    public Optional<Double> latitude() {
        return Optional.ofNullable(latitude);
    }

    public Optional<Double> longitude() {
        return Optional.ofNullable(longitude);
    }

    public ZoneState state() {
        return state;
    }

    public List<String> controllerUrls() {
        return List.copyOf(controllerUrls);
    }

    public List<Cidr> cidrRules() {
        return cidrRules.stream().map(Cidr::parse).toList();
    }

    /** The zone's location for ranking: explicit coordinates win; a country alone gets its continent and centroid. */
    public GeoPoint location() {
        Coordinates coordinates = latitude == null ? null : new Coordinates(latitude, longitude);
        return GeoPoint.of(country, continent, coordinates).completed();
    }
}
