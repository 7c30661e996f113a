package org.confero.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes one backup: the database dump first (one snapshot), then the attachments copy, then the manifest, then the
 * rename that publishes it. Files are write-once and every attachment is written before the row naming it commits, so
 * every file the snapshot's rows name is already there when the copy runs.
 */
final class BackupWriter {

    /** Who and why: the server writing the backup, {@code manual} or {@code scheduled}, and the schedule's slot. */
    record Origin(String server, String trigger, Optional<String> slot) {
    }

    private BackupWriter() {
    }

    static Manifest write(BackupStore store, Connection connection, Path attachments, String schemaVersion,
            Origin origin, Instant now) throws SQLException, IOException {
        String id = store.newId(now);
        Path dir = store.begin(id);
        try {
            DatabaseDump.Result dump = DatabaseDump.write(connection, dir.resolve(BackupFormat.DATABASE_DIR));
            Manifest.AttachmentsEntry files = AttachmentTree.copy(attachments,
                    dir.resolve(BackupFormat.ATTACHMENTS_DIR), dir.resolve(BackupFormat.ATTACHMENTS_INDEX));
            Manifest manifest = new Manifest(BackupFormat.VERSION, id, now, origin.server(), origin.trigger(),
                    origin.slot(), schemaVersion, dump.database(), dump.tables(), files);
            manifest.write(dir.resolve(BackupFormat.MANIFEST));
            store.complete(id);
            return manifest;
        } catch (SQLException | IOException | RuntimeException e) {
            store.abandon(id);
            throw e;
        }
    }
}
