package org.confero.zone.ranking;

import org.confero.protocol.net.Cidr;

import java.util.List;
import java.util.Objects;

/**
 * A meeting zone as the ranking sees it: the admin's settings plus the zone's live load.
 *
 * @param location
 *            where the zone's routers are; {@link GeoPoint#unknown()} when the admin did not say (a zone with only a
 *            country should be given as {@link GeoPoint#ofCountry} so that continent and distance work)
 * @param cidrRules
 *            client networks this zone serves first (on-premises networks)
 */
public record ZoneCandidate(String id, String name, ZoneState state, GeoPoint location, List<Cidr> cidrRules,
        ZoneLoad load) {

    public ZoneCandidate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(load, "load");
        location = location == null ? GeoPoint.unknown() : location;
        cidrRules = cidrRules == null ? List.of() : List.copyOf(cidrRules);
    }

    public Availability availability() {
        return Availability.of(state, load);
    }
}
