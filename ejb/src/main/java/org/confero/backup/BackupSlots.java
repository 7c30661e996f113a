package org.confero.backup;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

/**
 * Claims of schedule slots in the shared database ({@code backup_slots}, primary key = slot): the first server to
 * insert a slot runs it. This holds even when two servers both believe they are the coordinator (a network partition, a
 * coordinator change between their timers): the database admits one insert per slot.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BackupSlots {

    private static final Logger LOG = Logger.getLogger(BackupSlots.class);

    @Resource(lookup = "java:jboss/datasources/ConferoDS")
    private DataSource dataSource;

    /** True if this server now owns {@code slot}; false if another server claimed it first. */
    public boolean claim(String slot, String server) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection
                .prepareStatement("INSERT INTO backup_slots (slot, server, claimed_at) VALUES (?, ?, ?)")) {
            insert.setString(1, slot);
            insert.setString(2, server);
            insert.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            // SQLState class 23: integrity constraint violation, here the slot's primary key (H2 and PostgreSQL:
            // 23505).
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                LOG.debugf("Backup slot %s was claimed by another server", slot);
                return false;
            }
            throw e;
        }
    }

    /**
     * Notes which backup a claimed slot produced (for operators reading the table), and forgets claims older than
     * {@link #KEPT}: only slots still to come can be claimed twice, so old rows serve nobody.
     */
    public void completed(String slot, String backupId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection
                        .prepareStatement("UPDATE backup_slots SET backup_id = ? WHERE slot = ?");
                PreparedStatement forget = connection
                        .prepareStatement("DELETE FROM backup_slots WHERE claimed_at < ?")) {
            update.setString(1, backupId);
            update.setString(2, slot);
            update.executeUpdate();
            forget.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minus(KEPT));
            forget.executeUpdate();
        }
    }

    /** How long claims stay in the table. */
    static final java.time.Duration KEPT = java.time.Duration.ofDays(90);
}
