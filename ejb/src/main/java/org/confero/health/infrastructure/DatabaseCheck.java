package org.confero.health.infrastructure;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.confero.health.api.CheckResult;
import org.confero.health.DependencyCheck;

/** A round trip to the database through the pool: what every request of ours needs. */
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
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(validationSeconds)) {
                return CheckResult.down(name(), "connection failed validation");
            }
            DatabaseMetaData meta = connection.getMetaData();
            return CheckResult.up(name(), meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
        }
    }
}
