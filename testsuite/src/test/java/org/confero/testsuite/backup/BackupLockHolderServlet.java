package org.confero.testsuite.backup;

import jakarta.servlet.annotation.WebServlet;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.confero.testsuite.support.DatabaseHoldingServlet;

/**
 * Test fixture: does to the shared database what another server running a backup or restore does — holds the row lock
 * of {@code backup_lock} in an open transaction — then lets go.
 */
@WebServlet("/backup-lock")
public class BackupLockHolderServlet extends DatabaseHoldingServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void take(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT name FROM backup_lock FOR UPDATE").close();
        }
    }

    @Override
    protected void release(Connection connection) throws SQLException {
        connection.rollback();
        connection.setAutoCommit(true);
    }
}
