package org.confero.health.infrastructure;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.confero.health.api.CheckResult;
import org.confero.health.DependencyCheck;

/**
 * A real round trip to the database through the pool: a query, not {@link Connection#isValid}, which some drivers
 * answer from the connection's local state (H2 embedded does) and would report a hung database as healthy.
 */
public final class DatabaseCheck implements DependencyCheck {

    private final DataSource dataSource;
    private final int validationSeconds;

    public DatabaseCheck(DataSource dataSource, int validationSeconds) {
        this.dataSource = dataSource;
        this.validationSeconds = Math.max(1, validationSeconds);
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public CheckResult probe() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(validationSeconds);
            try (ResultSet result = statement.executeQuery("SELECT 1")) {
                if (!result.next() || result.getInt(1) != 1) {
                    return CheckResult.down(name(), "SELECT 1 did not answer 1");
                }
            }
            DatabaseMetaData meta = connection.getMetaData();
            return CheckResult.up(name(), meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
        }
    }
}
