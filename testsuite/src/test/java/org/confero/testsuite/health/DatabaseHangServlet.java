package org.confero.testsuite.health;

import jakarta.servlet.annotation.WebServlet;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.confero.testsuite.support.DatabaseHoldingServlet;

/**
 * Test-only fault injection: makes the real database stop answering for a while. H2's exclusive mode pauses every other
 * session's statements until it is lifted, which is how a hung database server looks to the application.
 */
@WebServlet("/hang-database")
public class DatabaseHangServlet extends DatabaseHoldingServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void take(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET EXCLUSIVE 1");
        }
    }

    /** Also when undeployed early: the pool keeps the session. */
    @Override
    protected void release(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET EXCLUSIVE 0");
        }
    }
}
