/**
 * The admin API of backups: {@code /api/v1/backups} (list, make one now, read one, restore one). The work is
 * {@link org.confero.backup.Backups}'s; this layer maps it to HTTP.
 */
package org.confero.web.backup;
