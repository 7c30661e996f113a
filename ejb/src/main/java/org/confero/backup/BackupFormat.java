package org.confero.backup;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The on-disk format of a backup (version {@value #VERSION}), one directory per backup named by its id:
 *
 * <pre>
 * &lt;confero.backup.path&gt;/&lt;id&gt;/
 *   manifest.json          format, id, time, server, trigger, schema version, database, per table: file, columns,
 *                          rows, SHA-256; attachments: files, bytes, SHA-256 of the index
 *   db/&lt;table&gt;.jsonl       one JSON array per row, values in the manifest's column order (UTF-8, '\n' after each)
 *   attachments.index      one line per file: "&lt;sha256&gt; &lt;bytes&gt; &lt;path relative to attachments/&gt;"
 *   attachments/…          a copy of &lt;confero.data.path&gt;/attachments/
 * </pre>
 *
 * Values: integers and decimals as JSON numbers, booleans, text as strings, instants (TIMESTAMP WITH TIME ZONE) as
 * ISO-8601 with their offset, local dates/times as ISO-8601, binary as Base64, NULL as null. A backup is written to
 * {@code .tmp-<id>} and renamed to {@code <id>} once complete, so a directory named like an id is always whole.
 */
public final class BackupFormat {

    public static final int VERSION = 1;
    public static final String MANIFEST = "manifest.json";
    public static final String DATABASE_DIR = "db";
    public static final String TABLE_SUFFIX = ".jsonl";
    public static final String ATTACHMENTS_DIR = "attachments";
    public static final String ATTACHMENTS_INDEX = "attachments.index";
    public static final String TEMPORARY_PREFIX = ".tmp-";

    /** Ids are UTC times to the millisecond plus a random suffix: sortable by time, unique across servers. */
    public static final Pattern ID = Pattern.compile("\\d{8}T\\d{9}Z-[0-9a-f]{6}");

    /**
     * Tables that are not Confero's data: Flyway's own history (the schema version is in the manifest, and a restore
     * requires the same version), and the bookkeeping of scheduled backups (which slots ran belongs with the backup
     * directories, not with the data a backup brings back).
     */
    public static final Set<String> EXCLUDED_TABLES = Set.of("flyway_schema_history", "backup_slots", "backup_lock");

    private BackupFormat() {
    }

    public static boolean isId(String text) {
        return text != null && ID.matcher(text).matches();
    }
}
