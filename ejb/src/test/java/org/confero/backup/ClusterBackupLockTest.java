package org.confero.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;

import org.confero.persistence.SchemaMigrations;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two "servers" are two connections to one real H2 database at the newest schema. */
@Timeout(30)
class ClusterBackupLockTest {

    @TempDir
    Path dir;

    private JdbcDataSource h2;

    @BeforeEach
    void setUp() {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + dir.resolve("db/confero") + ";DB_CLOSE_DELAY=-1");
        h2.setUser("confero");
        SchemaMigrations.migrate(h2);
    }

    @Test
    void aSecondHolderIsRefusedAtOnceUntilTheFirstLetsGo() throws Exception {
        Optional<ClusterBackupLock.Held> first = ClusterBackupLock.tryAcquire(h2);
        assertThat(first).isPresent();

        long started = System.nanoTime();
        assertThat(ClusterBackupLock.tryAcquire(h2)).as("another server's attempt").isEmpty();
        assertThat(System.nanoTime() - started).as("refused without waiting for the lock").isLessThan(3_000_000_000L);

        first.get().close();
        Optional<ClusterBackupLock.Held> again = ClusterBackupLock.tryAcquire(h2);
        assertThat(again).isPresent();
        again.get().close();
    }

    @Test
    void aDeletedLockRowIsPutBackAndStillExcludesASecondHolder() throws Exception {
        try (var connection = h2.getConnection(); var statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM backup_lock");
        }

        try (ClusterBackupLock.Held held = ClusterBackupLock.tryAcquire(h2).orElseThrow()) {
            assertThat(ClusterBackupLock.tryAcquire(h2)).isEmpty();
        }
    }

    @Test
    void theLockIsNotBackedUp() {
        assertThat(BackupFormat.EXCLUDED_TABLES).contains("backup_lock");
    }
}
