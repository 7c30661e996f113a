package org.confero.backup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The slots of the backup schedule: instants every server computes alike from the wall clock (daily at a local time, or
 * every N seconds since the epoch), so that every server's timer names the same slot and the slot's key decides which
 * one runs it.
 */
final class BackupTimes {

    private final LocalTime daily;
    private final ZoneId zone;
    private final Duration interval;

    private BackupTimes(LocalTime daily, ZoneId zone, Duration interval) {
        this.daily = daily;
        this.zone = zone;
        this.interval = interval;
    }

    static BackupTimes dailyAt(LocalTime time, ZoneId zone) {
        return new BackupTimes(Objects.requireNonNull(time), Objects.requireNonNull(zone), null);
    }

    static BackupTimes every(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the backup interval must be positive");
        }
        return new BackupTimes(null, null, interval);
    }

    /** The first slot strictly after {@code now}. */
    Instant next(Instant now) {
        if (interval != null) {
            long step = interval.toMillis();
            return Instant.ofEpochMilli((Math.floorDiv(now.toEpochMilli(), step) + 1) * step);
        }
        ZonedDateTime today = now.atZone(zone).with(daily);
        ZonedDateTime slot = today.toInstant().isAfter(now) ? today : today.plusDays(1).with(daily);
        return slot.toInstant();
    }

    /** The key of a slot, the same on every server: its instant in UTC. */
    static String key(Instant slot) {
        return slot.toString();
    }
}
