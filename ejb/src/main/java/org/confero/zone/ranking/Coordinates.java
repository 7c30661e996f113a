package org.confero.zone.ranking;

/** A point on the earth in decimal degrees (WGS 84). */
public record Coordinates(double latitude, double longitude) {

    /** Mean earth radius (IUGG); the spherical model is off by at most 0.5 %, far less than a country centroid is. */
    private static final double EARTH_RADIUS_KM = 6371.0088;

    public Coordinates {
        if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("not a latitude/longitude: " + latitude + ", " + longitude);
        }
    }

    /** Great-circle distance by the haversine formula, which stays accurate for short distances. */
    public double distanceKm(Coordinates other) {
        double lat1 = Math.toRadians(latitude);
        double lat2 = Math.toRadians(other.latitude);
        double halfDLat = (lat2 - lat1) / 2;
        double halfDLon = Math.toRadians(other.longitude - longitude) / 2;
        double h = Math.sin(halfDLat) * Math.sin(halfDLat)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(halfDLon) * Math.sin(halfDLon);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
