package org.confero.zone.ranking;

/**
 * Whether a zone can take a new client right now, from its {@link ZoneState} and {@link ZoneLoad}. When several apply,
 * the worst one counts (a draining zone that is also full is {@link #DRAINING}).
 */
public enum Availability {
    AVAILABLE("available"),
    /** Healthy and enabled, but no capacity left; ranked before draining zones because room may free up. */
    FULL("full"), DRAINING("draining"),
    /** No healthy multimedia router: a client sent there cannot join until one comes back. */
    UNHEALTHY("no healthy router"),
    /** Never ranked: left out of the list. */
    DISABLED("disabled");

    private final String reason;

    Availability(String reason) {
        this.reason = reason;
    }

    /** The short text {@link RankedZone#reason()} shows for a zone that is not available. */
    public String reason() {
        return reason;
    }

    static Availability of(ZoneState state, ZoneLoad load) {
        if (state == ZoneState.DISABLED) {
            return DISABLED;
        }
        if (!load.healthy()) {
            return UNHEALTHY;
        }
        if (state == ZoneState.DRAINING) {
            return DRAINING;
        }
        return load.full() ? FULL : AVAILABLE;
    }
}
