/**
 * Backups on the real EAR (H2 in the {@code default} execution, PostgreSQL in {@code postgres}): backup, wipe, restore
 * with rows and files compared, retention, the command line's restore, and bad input answered as problems.
 */
package org.confero.testsuite.backup;
