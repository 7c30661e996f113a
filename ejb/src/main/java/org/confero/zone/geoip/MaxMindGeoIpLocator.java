package org.confero.zone.geoip;

import org.confero.zone.ranking.GeoIpLocator;
import org.confero.zone.ranking.GeoPoint;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;

/**
 * Locates addresses in a MaxMind DB (.mmdb) country or city database, read with MaxMind's reader library.
 *
 * <p>
 * The file is read into memory once ({@link Reader.FileMode#MEMORY}) instead of being memory-mapped: an admin who
 * overwrites or truncates a mapped file in place would make the next lookup fault (SIGBUS) and take the server down,
 * and the databases are small (the default one is 8 MB). Replacing the file therefore takes effect on the next
 * {@link GeoIpLocators#open}, not before.
 *
 * <p>
 * Thread-safe: the reader is, and the decoded-record cache is a concurrent map.
 */
public final class MaxMindGeoIpLocator implements GeoIpLocator {

    private static final Logger LOG = Logger.getLogger(MaxMindGeoIpLocator.class);

    private final Path file;
    private final Reader reader;
    private final Metadata metadata;
    private final AtomicBoolean lookupFailureLogged = new AtomicBoolean();

    private MaxMindGeoIpLocator(Path file, Reader reader) {
        this.file = file;
        this.reader = reader;
        this.metadata = reader.getMetadata();
    }

    /**
     * Opens {@code file}; the exception's message says what is wrong with it (missing, unreadable, not a MaxMind DB).
     */
    public static MaxMindGeoIpLocator open(Path file) throws GeoIpDatabaseException {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            throw new GeoIpDatabaseException("Geo-IP database " + file + " does not exist", null);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new GeoIpDatabaseException("Geo-IP database " + file + " is not a readable file", null);
        }
        try {
            return new MaxMindGeoIpLocator(file, new Reader(file.toFile(), Reader.FileMode.MEMORY, new CHMCache()));
        } catch (IOException | RuntimeException e) {
            // The library reports a file that is not a MaxMind DB as InvalidDatabaseException (an IOException), and
            // damaged metadata as assorted runtime exceptions; either way the file is unusable.
            throw new GeoIpDatabaseException("Geo-IP database " + file + " is not a usable MaxMind DB file: " + e, e);
        }
    }

    @Override
    public Optional<GeoPoint> locate(InetAddress address) {
        if (metadata.getIpVersion() == 4 && address instanceof Inet6Address) {
            // An IPv4-only database has no IPv6 tree; the reader would walk the IPv4 tree with the IPv6 bits and
            // return an unrelated record instead of failing.
            return Optional.empty();
        }
        try {
            Map<?, ?> record = reader.get(address, Map.class);
            return record == null ? Optional.empty() : LocationRecords.toGeoPoint(record);
        } catch (IOException | RuntimeException e) {
            // A damaged search tree or data section fails lookups one by one; ranking goes on without a location.
            // Logged once at WARN, then at DEBUG, so that a bad file cannot flood the log on every meeting lookup.
            if (lookupFailureLogged.compareAndSet(false, true)) {
                LOG.warnf("Geo-IP lookup in %s failed, client ranked without location (further failures at DEBUG): %s",
                        file, e);
            } else {
                LOG.debugf("Geo-IP lookup of %s in %s failed: %s", address.getHostAddress(), file, e);
            }
            return Optional.empty();
        }
    }

    @Override
    public String describe() {
        return "MaxMind DB " + file + " (" + metadata.getDatabaseType() + ", IPv" + metadata.getIpVersion() + ", built "
                + metadata.getBuildDate().toInstant() + ")";
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            LOG.debugf("closing Geo-IP database %s: %s", file, e);
        }
    }
}
