package org.confero.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;

/**
 * Restores one backup, checking everything before changing anything: the manifest, its format and schema version, the
 * checksum of every table file and every attachment. Then the attachments are staged next to the live tree, the
 * database is replaced in one transaction, and the staged tree takes the live tree's place by renames. If the database
 * step fails, nothing has changed.
 */
final class BackupRestorer {

    /** What was restored. */
    record Outcome(Manifest manifest, Map<String, Long> rows, long files, long fileBytes) {
    }

    private BackupRestorer() {
    }

    /** Loads and verifies backup {@code dir}: its manifest, if it fits {@code schemaVersion} and all its checksums. */
    static Verified verify(Path dir, String schemaVersion) throws IOException {
        Manifest manifest = Manifest.read(dir);
        if (!manifest.id().equals(dir.getFileName().toString())) {
            throw new DomainException(ProblemType.BACKUP_CORRUPT,
                    "the manifest of backup " + dir.getFileName() + " names another backup: " + manifest.id());
        }
        if (manifest.format() != BackupFormat.VERSION) {
            throw new DomainException(ProblemType.BACKUP_INCOMPATIBLE, "backup " + manifest.id() + " has format "
                    + manifest.format() + "; this server reads format " + BackupFormat.VERSION);
        }
        if (!manifest.schemaVersion().equals(schemaVersion)) {
            throw new DomainException(ProblemType.BACKUP_INCOMPATIBLE,
                    "backup " + manifest.id() + " is of schema version " + manifest.schemaVersion()
                            + ", this database is at version " + schemaVersion
                            + "; restore it with the Confero release that made it");
        }
        for (Manifest.TableEntry table : manifest.tables()) {
            Path file = dir.resolve(table.file()).normalize();
            if (!file.startsWith(dir.resolve(BackupFormat.DATABASE_DIR)) || !Files.isRegularFile(file)
                    || !Checksums.of(file).equals(table.sha256())) {
                throw new DomainException(ProblemType.BACKUP_CORRUPT, "the backup is damaged: " + table.file()
                        + " is missing or differs from the manifest's checksum");
            }
        }
        Map<String, AttachmentTree.Entry> files = AttachmentTree.verify(dir.resolve(BackupFormat.ATTACHMENTS_DIR),
                dir.resolve(BackupFormat.ATTACHMENTS_INDEX), manifest.attachments());
        return new Verified(dir, manifest, files);
    }

    /** A backup whose every checksum matched. */
    record Verified(Path dir, Manifest manifest, Map<String, AttachmentTree.Entry> files) {
    }

    static Outcome restore(Verified backup, Connection connection, Path attachments) throws SQLException, IOException {
        String id = backup.manifest().id();
        Path parent = attachments.toAbsolutePath().getParent();
        Path staged = parent.resolve(attachments.getFileName() + ".restoring-" + id);
        Path replaced = parent.resolve(attachments.getFileName() + ".replaced-" + id);
        AttachmentTree.deleteTree(staged);
        AttachmentTree.deleteTree(replaced);
        AttachmentTree.copyBack(backup.dir().resolve(BackupFormat.ATTACHMENTS_DIR), backup.files(), staged);
        Map<String, Long> rows;
        try {
            rows = DatabaseRestore.restore(connection, backup.manifest(), backup.dir());
        } catch (SQLException | IOException | RuntimeException e) {
            AttachmentTree.deleteTree(staged);
            throw e;
        }
        if (Files.exists(attachments)) {
            AttachmentTree.move(attachments, replaced);
        }
        AttachmentTree.move(staged, attachments);
        AttachmentTree.deleteTree(replaced);
        return new Outcome(backup.manifest(), rows, backup.manifest().attachments().files(),
                backup.manifest().attachments().bytes());
    }
}
