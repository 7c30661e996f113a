package org.confero.zone.ranking;

/**
 * One zone of a ranking.
 *
 * @param rank
 *            1 for the zone to try first
 * @param reason
 *            what placed the zone here, for clients' logs and admins ("cidr 10.0.0.0/8, load 12%", "same country DE,
 *            load 40%", "same continent EU, 850 km, load 3%", "no location, load 0%", "draining", "full")
 * @param score
 *            the sort key as one number, higher first; see {@link ZoneRanker} for how it is made up
 */
public record RankedZone(ZoneCandidate zone, int rank, String reason, double score) {

    /** False for zones ranked last because they are full, draining or without a healthy router. */
    public boolean available() {
        return zone.availability() == Availability.AVAILABLE;
    }
}
