-- Confero schema, version 6: one row whose lock is held, in an open transaction, by the server running a backup or a
-- restore, so that no two run at once anywhere in the cluster. The lock is the database's row lock, not the row's
-- content: a server that dies mid-way loses its connection and with it the lock, so nothing is left to clean up. Not
-- part of backups (bookkeeping, not data), see org.confero.backup.BackupFormat.

CREATE TABLE backup_lock (
    name                VARCHAR(40)   PRIMARY KEY
);

INSERT INTO backup_lock (name) VALUES ('backup-or-restore');
