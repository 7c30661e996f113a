package org.confero.zone;

import java.util.Locale;

import org.confero.protocol.net.Cidr;
import org.confero.protocol.rest.TunnelView;
import org.confero.protocol.rest.ZoneView;

/** Zone and tunnel entities to wire views. */
final class ZoneViews {

    private ZoneViews() {
    }

    static ZoneView of(Zone zone) {
        return new ZoneView(zone.id(), zone.name(), zone.region().orElse(null), zone.country().orElse(null),
                zone.continent().orElse(null), zone.latitude().orElse(null), zone.longitude().orElse(null),
                lower(zone.state()), zone.controllerUrls(), zone.cidrRules().stream().map(Cidr::toString).toList());
    }

    static TunnelView of(Tunnel tunnel) {
        return new TunnelView(tunnel.id(), tunnel.url(), tunnel.region().orElse(null), tunnel.country().orElse(null),
                lower(tunnel.state()));
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
