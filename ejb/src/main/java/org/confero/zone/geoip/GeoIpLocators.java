package org.confero.zone.geoip;

import org.confero.zone.ranking.GeoIpLocator;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * Picks the Geo-IP database at start-up: the admin's file ({@value #DATABASE_PROPERTY}, e.g. a GeoLite2-Country or
 * GeoLite2-City .mmdb), else the default country database that {@code scripts/fetch-geoip.sh} downloads, else
 * {@link NoGeoIp} with the reasons. A configured file that cannot be used is logged and skipped, never fatal: the
 * meeting lookup must keep answering, only less precisely.
 */
public final class GeoIpLocators {

    /** Path of the admin's own MaxMind DB file; unset or blank means the default database. */
    public static final String DATABASE_PROPERTY = "confero.geoip.database";
    /** File name of the default database that {@code scripts/fetch-geoip.sh} writes into its target directory. */
    public static final String DEFAULT_FILE_NAME = "geo-whois-asn-country.mmdb";

    private static final Logger LOG = Logger.getLogger(GeoIpLocators.class);

    private GeoIpLocators() {
    }

    /** Where the default database lives under the data directory: {@code <confero.data.path>/geoip/}. */
    public static Path defaultDatabase(Path dataPath) {
        return dataPath.resolve("geoip").resolve(DEFAULT_FILE_NAME);
    }

    /**
     * Opens the first usable database of {@code configured} (the value of {@value #DATABASE_PROPERTY}) and
     * {@code defaultDatabase}; the caller closes the result when it undeploys.
     */
    public static GeoIpLocator open(Optional<String> configured, Path defaultDatabase) {
        List<String> problems = new ArrayList<>();
        Optional<String> adminFile = configured.map(String::trim).filter(value -> !value.isEmpty());
        if (adminFile.isPresent()) {
            Optional<GeoIpLocator> locator = tryOpen(adminFile.get(), problems);
            if (locator.isPresent()) {
                return selected(locator.get());
            }
            LOG.warnf("%s=%s cannot be used (%s); trying the default database %s", DATABASE_PROPERTY, adminFile.get(),
                    problems.get(0), defaultDatabase);
        }
        Optional<GeoIpLocator> fallback = tryOpen(defaultDatabase.toString(), problems);
        if (fallback.isPresent()) {
            return selected(fallback.get());
        }
        NoGeoIp none = new NoGeoIp(String.join("; ", problems) + " (set " + DATABASE_PROPERTY
                + " or run scripts/fetch-geoip.sh " + defaultDatabase.toAbsolutePath().getParent() + ")");
        LOG.warnf("Zones are ranked without Geo-IP: %s", none.reason());
        return none;
    }

    private static Optional<GeoIpLocator> tryOpen(String file, List<String> problems) {
        try {
            return Optional.of(MaxMindGeoIpLocator.open(Path.of(file)));
        } catch (InvalidPathException e) {
            problems.add("'" + file + "' is not a file path");
        } catch (GeoIpDatabaseException e) {
            problems.add(e.getMessage());
        }
        return Optional.empty();
    }

    private static GeoIpLocator selected(GeoIpLocator locator) {
        LOG.infof("Zones are ranked with Geo-IP from %s", locator.describe());
        return locator;
    }
}
