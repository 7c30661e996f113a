/**
 * The zone ranking policy of the meeting lookup: which meeting zones a client should try, best first, from its address,
 * the admins' CIDR rules, Geo-IP, zone state and zone load. Pure Java, no Jakarta EE types: the caller (an EJB of the
 * web role) builds the {@link org.confero.zone.ranking.ZoneCandidate}s from its zones and their live load, and hands in
 * a {@link org.confero.zone.ranking.GeoIpLocator} (the adapter lives in {@code org.confero.zone.geoip}).
 * {@link org.confero.zone.ranking.ZoneRanker} documents the scoring.
 */
package org.confero.zone.ranking;
