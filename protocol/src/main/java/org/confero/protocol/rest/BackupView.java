package org.confero.protocol.rest;

import java.time.Instant;
import java.util.Map;

/**
 * A backup ({@code GET /api/v1/backups}): its id and time, the server that made it, why ({@code trigger}: manual or
 * scheduled, with the schedule's {@code slot}), its {@code status} ({@code complete}, {@code in-progress} while a
 * server writes it, {@code unreadable} when its manifest is damaged), size on disk, schema version and database, rows
 * per table, and the attachment files it holds. Fields a backup in progress does not have yet are absent.
 */
public record BackupView(String id, Instant createdAt, String status, String server, String trigger, String slot,
        String schemaVersion, String database, Long sizeBytes, Map<String, Long> rows, Long files, Long fileBytes) {
}
