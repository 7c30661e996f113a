/**
 * The database schema's life cycle: versioned migrations (Flyway, {@code db/migration} in this module) applied when the
 * application starts, before anything reads or writes.
 */
package org.confero.persistence;
