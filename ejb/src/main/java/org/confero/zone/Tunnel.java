package org.confero.zone;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.confero.zone.ranking.ZoneState;

/** An HTTP tunnel server: the last way in for clients that reach no zone controller. */
@Entity
@Table(name = "tunnels")
@NamedQuery(name = "Tunnel.all", query = "SELECT t FROM Tunnel t ORDER BY t.id")
@NamedQuery(name = "Tunnel.enabled", query = "SELECT t FROM Tunnel t WHERE t.state = :state ORDER BY t.id")
public class Tunnel {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    @Id
    @Column(length = 64)
    private String id;

    @Column(nullable = false, length = 500)
    private String url;

    @Column(length = 100)
    private String region;

    @Column(length = 2)
    private String country;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ZoneState state;

    @Version
    private long version;

    protected Tunnel() {
        // for JPA
    }

    public Tunnel(String id, String url) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("tunnel id must be 1-64 of a-z 0-9 - starting with a letter or digit");
        }
        this.id = id;
        this.state = ZoneState.ENABLED;
        moveTo(url);
    }

    public void moveTo(String newUrl) {
        this.url = Zone.requireHttpUrl(newUrl);
    }

    public void place(String newRegion, String newCountry) {
        if (newCountry != null
                && !org.confero.zone.ranking.GeoPoint.isCountryCode(newCountry.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("country must be an ISO 3166 alpha-2 code");
        }
        this.region = newRegion;
        this.country = newCountry == null ? null : newCountry.toUpperCase(Locale.ROOT);
    }

    public void changeState(ZoneState newState) {
        this.state = Objects.requireNonNull(newState, "state");
    }

    public String id() {
        return id;
    }

    public String url() {
        return url;
    }

    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    public Optional<String> country() {
        return Optional.ofNullable(country);
    }

    public ZoneState state() {
        return state;
    }
}
