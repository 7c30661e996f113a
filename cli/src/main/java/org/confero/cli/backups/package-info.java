/**
 * {@code confero backups list|create|restore <id>}: the backups admin API from the command line (the restore command).
 */
package org.confero.cli.backups;
