/**
 * Backups of a Confero installation (CAMServer: "the DB and files are backed up every day"): a consistent, portable
 * logical dump of every Confero table plus a copy of the attachments tree, written under {@code confero.backup.path}
 * and renamed into place when complete; a daily cluster-singleton schedule with retention; verified restore.
 *
 * <p>
 * Layers: {@link org.confero.backup.Backups} is the facade the REST API calls;
 * {@link org.confero.backup.BackupSchedule} runs the daily slot on exactly one server; the plain classes beneath
 * ({@code DatabaseDump}, {@code DatabaseRestore}, {@code AttachmentTree}, {@code BackupStore}, {@code Manifest}) do the
 * work on any {@link java.sql.Connection} and directory, so unit tests run them against a real H2 without a server. The
 * format is described in {@link org.confero.backup.BackupFormat}.
 */
package org.confero.backup;
