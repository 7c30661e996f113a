package org.confero.backup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The backup settings ({@code confero.backup.*}); see the README's configuration table. */
@ApplicationScoped
public class BackupSettings {

    @Inject
    @ConfigProperty(name = "confero.data.path", defaultValue = "${jboss.server.data.dir}/confero")
    String dataPath;

    /** Where backups go; by default {@code <confero.data.path>/backups}. A different disk is better. */
    @Inject
    @ConfigProperty(name = "confero.backup.path")
    Optional<String> backupPath;

    @Inject
    @ConfigProperty(name = "confero.backup.retention", defaultValue = "7")
    int retention;

    @Inject
    @ConfigProperty(name = "confero.backup.enabled", defaultValue = "true")
    boolean enabled;

    /** The daily time (HH:MM, the server's time zone) of the scheduled backup. */
    @Inject
    @ConfigProperty(name = "confero.backup.time", defaultValue = "02:30")
    String time;

    /** When above 0, a backup every this many seconds instead of daily (tests; or more often than daily). */
    @Inject
    @ConfigProperty(name = "confero.backup.interval.seconds", defaultValue = "0")
    long intervalSeconds;

    Path dataDirectory() {
        return Path.of(dataPath);
    }

    Path attachments() {
        return dataDirectory().resolve("attachments");
    }

    Path backups() {
        return backupPath.filter(p -> !p.isBlank()).map(Path::of).orElseGet(() -> dataDirectory().resolve("backups"));
    }

    int retention() {
        return Math.max(1, retention);
    }

    boolean enabled() {
        return enabled;
    }

    /** The schedule: daily at {@code confero.backup.time}, or every {@code confero.backup.interval.seconds}. */
    BackupTimes times() {
        if (intervalSeconds > 0) {
            return BackupTimes.every(Duration.ofSeconds(intervalSeconds));
        }
        try {
            return BackupTimes.dailyAt(LocalTime.parse(time.trim()), ZoneId.systemDefault());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("confero.backup.time must be HH:MM, was '" + time + "'", e);
        }
    }
}
