package org.confero.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationsTest {

    @TempDir
    Path dir;

    @Test
    void migratesAnEmptyDatabaseAndIsIdempotent() throws SQLException {
        JdbcDataSource h2 = h2();

        MigrateResult first = SchemaMigrations.migrate(h2);
        MigrateResult second = SchemaMigrations.migrate(h2);

        assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(1);
        assertThat(second.migrationsExecuted).isZero();
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            for (String table : new String[] { "USERS", "API_TOKENS", "MEETINGS", "ZONES", "ZONE_CONTROLLERS",
                    "ZONE_CIDR_RULES", "TUNNELS" }) {
                try (var rs = s.executeQuery(
                        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = '"
                                + table + "'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as(table).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void constraintsGuardTheDomainRules() throws SQLException {
        JdbcDataSource h2 = h2();
        SchemaMigrations.migrate(h2);
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (username, display_name, password_hash, password_salt, password_iterations, "
                    + "role, enabled, created_at, version) VALUES ('h', 'H', 'x', 'y', 1, 'HOST', TRUE, "
                    + "CURRENT_TIMESTAMP, 0)");
            assertThatThrownBy(() -> s.execute("INSERT INTO meetings (id, topic, host_id, duration_minutes, "
                    + "time_zone, type, waiting_room, mute_on_entry, state, created_at, version) VALUES (12345, 't', "
                    + "1, 30, 'UTC', 'MEETING', FALSE, FALSE, 'SCHEDULED', CURRENT_TIMESTAMP, 0)"))
                            .as("meeting ids have 9 to 11 digits").isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("INSERT INTO users (username, display_name, password_hash, "
                    + "password_salt, password_iterations, role, enabled, created_at, version) VALUES ('h', 'H2', "
                    + "'x', 'y', 1, 'HOST', TRUE, CURRENT_TIMESTAMP, 0)")).as("usernames are unique")
                            .isInstanceOf(SQLException.class);
        }
    }

    private JdbcDataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + dir.resolve("db") + ";DB_CLOSE_DELAY=-1");
        h2.setUser("confero");
        return h2;
    }
}
