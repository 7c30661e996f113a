package org.confero.zone.geoip;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** The test databases, written into a test's temporary directory. */
final class TestDatabases {

    private TestDatabases() {
    }

    /** A database in the default database's layout, IPv4 and IPv6, from {@code geoip/networks.csv}. */
    static Path countryCodes(Path directory) throws IOException {
        MmdbWriter writer = new MmdbWriter(6, "country ipvAll");
        try (InputStream csv = TestDatabases.class.getResourceAsStream("/geoip/networks.csv");
                BufferedReader lines = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            lines.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
                String[] fields = line.split(",");
                writer.insert(fields[0], Map.of("country_code", fields[1]));
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return writer.writeTo(directory.resolve("country.mmdb"));
    }
}
