package org.confero.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

/**
 * One backup or restore at a time in the whole cluster: the row of {@code backup_lock}, locked {@code FOR UPDATE
 * NOWAIT} in a transaction kept open for the operation on a connection of its own. A second server's attempt fails at
 * once instead of waiting; a server that dies mid-way loses its connection, and the database releases the lock with it.
 */
final class ClusterBackupLock {

    /** Lock not available: PostgreSQL {@code 55P03 lock_not_available}, H2 {@code HYT00} (lock timeout). */
    private static final Set<String> LOCKED = Set.of("55P03", "HYT00");
    private static final String ROW = "backup-or-restore";

    /** The lock, held until closed. */
    static final class Held implements AutoCloseable {
        private final Connection connection;

        private Held(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() throws SQLException {
            try (connection) {
                connection.rollback();
            }
        }
    }

    private ClusterBackupLock() {
    }

    private static boolean lockRow(Connection connection) throws SQLException {
        try (PreparedStatement select = connection
                .prepareStatement("SELECT name FROM backup_lock WHERE name = '" + ROW + "' FOR UPDATE NOWAIT");
                ResultSet row = select.executeQuery()) {
            return row.next();
        }
    }

    private static void putRowBack(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO backup_lock (name) VALUES (?)")) {
            insert.setString(1, ROW);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e; // anything but "another server put it back first"
            }
        }
    }

    /** The lock, or empty when another backup or restore holds it. */
    static Optional<Held> tryAcquire(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            if (!lockRow(connection)) {
                // The row was deleted by hand (it is not in backups, so no restore brings it back): put it back.
                putRowBack(dataSource);
                connection.rollback(); // a fresh transaction, which sees the row
                if (!lockRow(connection)) {
                    throw new SQLException("the backup_lock row cannot be put back");
                }
            }
            return Optional.of(new Held(connection));
        } catch (SQLException e) {
            connection.close();
            if (e.getSQLState() != null && LOCKED.contains(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
