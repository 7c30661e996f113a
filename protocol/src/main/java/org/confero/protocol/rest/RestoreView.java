package org.confero.protocol.rest;

import java.util.Map;

/** The outcome of {@code POST /api/v1/backups/{id}/restore}: rows restored per table, attachment files and bytes. */
public record RestoreView(String id, Map<String, Long> rows, long files, long fileBytes, long millis) {
}
