/**
 * Geo-IP for the zone ranking: the {@link org.confero.zone.ranking.GeoIpLocator} port implemented over a MaxMind DB
 * (.mmdb) file with MaxMind's reader library, the {@link org.confero.zone.geoip.NoGeoIp} stand-in when there is no
 * usable database, and {@link org.confero.zone.geoip.GeoIpLocators}, which picks one at start-up. Reads both the
 * default country database ({@code scripts/fetch-geoip.sh}) and GeoIP2/GeoLite2-style Country and City databases.
 */
package org.confero.zone.geoip;
