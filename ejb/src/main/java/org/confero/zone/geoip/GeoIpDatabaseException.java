package org.confero.zone.geoip;

/** A Geo-IP database file that cannot be used; the message says which file and why, for the server log. */
public final class GeoIpDatabaseException extends Exception {

    private static final long serialVersionUID = 1L;

    GeoIpDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
