package org.confero.zone.ranking;

/** How close a zone is to a client by Geo-IP, coarsest first; {@link ZoneRanker} ranks higher classes first. */
enum Proximity {
    /** The client or the zone has no location, or nothing about them can be compared. */
    UNKNOWN,
    /** Known to be in another country or on another continent. */
    ELSEWHERE, SAME_CONTINENT, SAME_COUNTRY
}
