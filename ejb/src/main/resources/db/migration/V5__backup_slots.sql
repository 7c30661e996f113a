-- Confero schema, version 5: the slots of the backup schedule that a server has claimed. The primary key is what makes
-- the daily backup a cluster singleton even across a change of cluster coordinator: whichever server inserts a slot
-- first runs it, every other insert of the same slot fails and that server skips it. Not part of backups (bookkeeping
-- about backups, not data), see org.confero.backup.BackupFormat.

CREATE TABLE backup_slots (
    slot                VARCHAR(40)   PRIMARY KEY,
    server              VARCHAR(200)  NOT NULL,
    claimed_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    backup_id           VARCHAR(40)
);
