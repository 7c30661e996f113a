package org.confero.persistence;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database to the newest schema. Plain Java so that tests run it against a real H2 without a server. Flyway
 * serialises concurrent runs (servers of a cluster starting together) with a database lock.
 */
public final class SchemaMigrations {

    /** Where the migrations live, relative to the class loader of this module. */
    public static final String LOCATION = "classpath:db/migration";

    private SchemaMigrations() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(SchemaMigrations.class.getClassLoader()).dataSource(dataSource).locations(LOCATION)
                // Never clean a production database, whatever a configuration file says.
                .cleanDisabled(true).validateMigrationNaming(true).load().migrate();
    }

    /** The version of the newest migration applied to {@code dataSource} ("0" for an empty database). */
    public static String currentVersion(DataSource dataSource) {
        MigrationInfo current = Flyway.configure(SchemaMigrations.class.getClassLoader()).dataSource(dataSource)
                .locations(LOCATION).load().info().current();
        return current == null || current.getVersion() == null ? "0" : current.getVersion().getVersion();
    }
}
