package org.confero.backup;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.confero.common.ServerIdentity;
import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.confero.persistence.SchemaMigrations;
import org.confero.protocol.rest.BackupView;
import org.confero.protocol.rest.RestoreView;
import org.jboss.logging.Logger;

/**
 * Backups of this installation: make one now, list and read them, restore one. What the admin REST API and the schedule
 * call. One backup or restore at a time in the cluster ({@link ClusterBackupLock}; a second one is refused, not queued:
 * it would only repeat the first). Outside container transactions: the dump and the restore run their own JDBC
 * transactions, the dump's a read-only snapshot.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Backups {

    private static final Logger LOG = Logger.getLogger(Backups.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Resource(lookup = "java:jboss/datasources/ConferoDS")
    private DataSource dataSource;

    @Inject
    private BackupSettings settings;

    @Inject
    private ServerIdentity identity;

    private final ReentrantLock busy = new ReentrantLock();

    @jakarta.ejb.EJB
    private org.confero.metrics.ConferoMeters meters;

    /** A backup now, asked for by an admin. */
    public BackupView create() {
        return exclusively(() -> view(write("manual", Optional.empty()), "complete"));
    }

    /** The schedule's backup of {@code slot} (already claimed by this server). Returns its id. */
    public String runScheduled(String slot) {
        return exclusively(() -> write("scheduled", Optional.of(slot)).manifest().id());
    }

    /** Every backup, newest first: complete ones and those being written by any server sharing the directory. */
    public List<BackupView> list() {
        BackupStore store = store();
        try {
            List<BackupView> views = new ArrayList<>();
            for (String id : store.inProgressIds()) {
                views.add(new BackupView(id, timeOf(id), "in-progress", null, null, null, null, null, null, null, null,
                        null));
            }
            for (String id : store.completeIds()) {
                views.add(read(store, id));
            }
            views.sort((a, b) -> b.id().compareTo(a.id()));
            return views;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BackupView get(String id) {
        BackupStore store = store();
        store.find(id).orElseThrow(() -> DomainException.notFound("backup " + printable(id)));
        try {
            return read(store, id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces every row and every attachment with backup {@code id}'s, after verifying all of its checksums and that
     * it was made at this schema version. Meant for a quiet installation: meetings running during a restore keep their
     * in-memory state (rosters, router placements) but lose what the database held for them.
     */
    public RestoreView restore(String id) {
        Path dir = store().find(id).orElseThrow(() -> DomainException.notFound("backup " + printable(id)));
        return exclusively(() -> {
            long started = System.nanoTime();
            try (Connection connection = dataSource.getConnection()) {
                BackupRestorer.Verified verified = BackupRestorer.verify(dir,
                        SchemaMigrations.currentVersion(dataSource));
                BackupRestorer.Outcome outcome = BackupRestorer.restore(verified, connection, settings.attachments());
                long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                LOG.infof("Restored backup %s: %d rows in %d tables, %d attachment files, in %d ms", id,
                        outcome.manifest().rows(), outcome.rows().size(), outcome.files(), millis);
                return new RestoreView(id, outcome.rows(), outcome.files(), outcome.fileBytes(), millis);
            } catch (SQLException e) {
                throw new IllegalStateException("restoring backup " + id + " failed in the database", e);
            } catch (IOException e) {
                throw new UncheckedIOException("restoring backup " + id + " failed", e);
            }
        });
    }

    private BackupWriterResult write(String trigger, Optional<String> slot) {
        BackupStore store = store();
        Instant now = Instant.now();
        try (Connection connection = dataSource.getConnection()) {
            Manifest manifest = BackupWriter.write(store, connection, settings.attachments(),
                    SchemaMigrations.currentVersion(dataSource),
                    new BackupWriter.Origin(identity.node(), trigger, slot), now);
            LOG.infof("Backup %s (%s%s): %d rows in %d tables, %d attachment files, in %s", manifest.id(), trigger,
                    slot.map(s -> " " + s).orElse(""), manifest.rows(), manifest.tables().size(),
                    manifest.attachments().files(), store.root());
            List<String> deleted = store.prune(settings.retention(), Instant.now());
            if (!deleted.isEmpty()) {
                LOG.infof("Backup retention (%d): deleted %s", settings.retention(), deleted);
            }
            meters.backupSucceeded(Instant.now(), java.time.Duration.between(now, Instant.now()));
            return new BackupWriterResult(store, manifest);
        } catch (SQLException e) {
            meters.backupFailed();
            throw new IllegalStateException("the backup failed in the database", e);
        } catch (IOException e) {
            meters.backupFailed();
            throw new UncheckedIOException("the backup failed", e);
        }
    }

    private record BackupWriterResult(BackupStore store, Manifest manifest) {
    }

    private BackupView view(BackupWriterResult written, String status) {
        try {
            return view(written.manifest(), status,
                    written.store().size(written.store().root().resolve(written.manifest().id())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BackupView read(BackupStore store, String id) throws IOException {
        Path dir = store.root().resolve(id);
        try {
            return view(Manifest.read(dir), "complete", store.size(dir));
        } catch (DomainException unreadable) {
            return new BackupView(id, timeOf(id), "unreadable", null, null, null, null, null, store.size(dir), null,
                    null, null);
        }
    }

    private static BackupView view(Manifest m, String status, long size) {
        Map<String, Long> rows = new LinkedHashMap<>();
        m.tables().forEach(t -> rows.put(t.name(), t.rows()));
        return new BackupView(m.id(), m.createdAt(), status, m.server(), m.trigger(), m.slot().orElse(null),
                m.schemaVersion(), m.database(), size, rows, m.attachments().files(), m.attachments().bytes());
    }

    // Ids start with their UTC time; a directory whose name only looks like an id has no time (null: left out).
    private static Instant timeOf(String id) {
        try {
            return Instant.from(ID_TIME.parse(id.substring(0, id.indexOf('-'))));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** One at a time on this server (a cheap check first), then one at a time in the cluster (the database's lock). */
    private <T> T exclusively(Supplier<T> work) {
        if (!busy.tryLock()) {
            throw new DomainException(ProblemType.BACKUP_IN_PROGRESS,
                    "a backup or restore is running on this server; try again when it has finished");
        }
        try (ClusterBackupLock.Held held = ClusterBackupLock.tryAcquire(dataSource)
                .orElseThrow(() -> new DomainException(ProblemType.BACKUP_IN_PROGRESS,
                        "a backup or restore is running on another server; try again when it has finished"))) {
            return work.get();
        } catch (SQLException e) {
            throw new IllegalStateException("the cluster's backup lock could not be taken or released", e);
        } finally {
            busy.unlock();
        }
    }

    private BackupStore store() {
        return new BackupStore(settings.backups());
    }

    // Ids come from URLs: show at most a short, printable prefix of what was asked for.
    private static String printable(String id) {
        String shown = id == null ? "" : id.replaceAll("[^A-Za-z0-9._-]", "?");
        return "'" + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown) + "'";
    }
}
