package org.confero.backup;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Date;

import org.confero.cluster.ClusterCaches;
import org.confero.common.ServerIdentity;
import org.infinispan.Cache;
import org.infinispan.manager.EmbeddedCacheManager;
import org.jboss.logging.Logger;

/**
 * The daily backup, run by exactly one server of the cluster for each slot of the schedule ({@link BackupTimes}). Every
 * server keeps a timer for the next slot; when it fires, only the current coordinator of the {@code confero} cache
 * container's cluster goes on, and it runs the slot only if it is the first to claim it in the database
 * ({@link BackupSlots}). The coordinator check keeps the others quiet; the claim makes "once per slot" hold even if the
 * coordinator changes between two servers' timers, or two servers see themselves as coordinator during a partition.
 *
 * <p>
 * The timer is not persistent, deliberately. A persistent EJB timer is stored per server (WildFly's default file
 * store), so each of the servers would own one and they would all fire; and persistent timers fire the expirations they
 * missed while the server was down, so a server restarted in the afternoon would back up at once, out of schedule. The
 * schedule is computed again from the wall clock at every start; a slot missed while every server was down is covered
 * by the next day's backup.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BackupSchedule {

    private static final Logger LOG = Logger.getLogger(BackupSchedule.class);

    @Resource
    private TimerService timers;

    @Resource(lookup = ClusterCaches.CONTAINER_JNDI)
    private EmbeddedCacheManager cluster;

    // Injected so that WildFly starts the container (and its cluster membership) with this deployment.
    @Resource(lookup = ClusterCaches.JNDI_PREFIX + ClusterCaches.ROUTERS)
    private Cache<?, ?> routers;

    @EJB
    private Backups backups;

    @EJB
    private BackupSlots slots;

    @Inject
    private BackupSettings settings;

    @Inject
    private ServerIdentity identity;

    private BackupTimes times;

    @PostConstruct
    void start() {
        if (!settings.enabled()) {
            LOG.info("Scheduled backups are off (confero.backup.enabled=false)");
            return;
        }
        times = settings.times();
        Instant next = scheduleAfter(Instant.now());
        LOG.infof("Scheduled backups to %s, keeping %d; next slot %s (run by the cluster's coordinator)",
                settings.backups(), settings.retention(), next);
    }

    @Timeout
    void slotDue(Timer timer) {
        String slot = (String) timer.getInfo();
        scheduleAfter(Instant.parse(slot));
        if (!cluster.isCoordinator()) {
            LOG.debugf("Backup slot %s: not the coordinator, another server runs it", slot);
            return;
        }
        try {
            if (!slots.claim(slot, identity.node())) {
                LOG.infof("Backup slot %s was already claimed by another server", slot);
                return;
            }
            String id = backups.runScheduled(slot);
            slots.completed(slot, id);
        } catch (java.sql.SQLException | RuntimeException e) {
            // The next slot is scheduled already; this one is lost, and says so.
            LOG.errorf(e, "Scheduled backup of slot %s failed", slot);
        }
    }

    // One single-action timer per slot: the slot's instant is its key, the same on every server.
    private Instant scheduleAfter(Instant after) {
        Instant next = times.next(after.isAfter(Instant.now()) ? after : Instant.now());
        timers.createSingleActionTimer(Date.from(next), new TimerConfig(BackupTimes.key(next), false));
        return next;
    }
}
