package org.confero.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import javax.sql.DataSource;

import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * Applies the schema migrations when the application starts. Beans that touch the database at start-up declare
 * {@code @DependsOn("SchemaMigration")}. Outside a transaction: Flyway manages its own, per migration.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);

    @Resource(lookup = "java:jboss/datasources/ConferoDS")
    private DataSource dataSource;

    @PostConstruct
    void migrate() {
        MigrateResult result = SchemaMigrations.migrate(dataSource);
        LOG.infof("Database schema at version %s (%d migration(s) applied now, %s)",
                result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                result.migrationsExecuted, result.database);
    }
}
