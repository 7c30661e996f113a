package org.confero.zone.ranking;

/** What the admin set for a zone. */
public enum ZoneState {
    /** Takes new meetings. */
    ENABLED,
    /** Being emptied on purpose: running meetings stay, new clients only go there when nothing else is left. */
    DRAINING,
    /** Out of service: never offered to clients. */
    DISABLED
}
