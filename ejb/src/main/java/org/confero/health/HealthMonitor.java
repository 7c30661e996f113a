package org.confero.health;

import org.confero.health.api.HealthReport;
import org.confero.health.api.HealthReporter;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.confero.cluster.ClusterCaches;
import org.confero.health.infrastructure.CacheContainerCheck;
import org.confero.health.infrastructure.DatabaseCheck;
import org.confero.health.infrastructure.MediaRelayCheck;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.infinispan.Cache;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * The server's view of its own health: what {@code /healthCheck} and MicroProfile Health report. One instance, used
 * concurrently; {@link HealthChecks} is thread-safe.
 */
@Singleton
@Local(HealthReporter.class)
@LocalBean
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HealthMonitor implements HealthReporter {

    /** The datasource WildFly's configuration defines (H2 by default, PostgreSQL in production). */
    public static final String DATASOURCE_JNDI = "java:jboss/datasources/ConferoDS";

    @Resource(lookup = DATASOURCE_JNDI)
    private DataSource dataSource;

    @Resource(lookup = ClusterCaches.CONTAINER_JNDI)
    private EmbeddedCacheManager cacheContainer;

    // Injected so that WildFly starts these caches with the deployment; the check then asks the container about them.
    @Resource(lookup = ClusterCaches.JNDI_PREFIX + ClusterCaches.ROUTERS)
    private Cache<?, ?> routers;
    @Resource(lookup = ClusterCaches.JNDI_PREFIX + ClusterCaches.PLACEMENTS)
    private Cache<?, ?> placements;
    @Resource(lookup = ClusterCaches.JNDI_PREFIX + ClusterCaches.PRESENCE)
    private Cache<?, ?> presence;
    @Resource(lookup = ClusterCaches.JNDI_PREFIX + ClusterCaches.SESSIONS)
    private Cache<?, ?> sessions;

    @Resource
    private ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "confero.health.timeout.ms", defaultValue = "2000")
    long timeoutMillis;

    private HealthChecks checks;

    @PostConstruct
    void init() {
        Duration timeout = Duration.ofMillis(Math.max(100, timeoutMillis));
        checks = new HealthChecks(List.of(new DatabaseCheck(dataSource, (int) Math.ceil(timeout.toSeconds())),
                new CacheContainerCheck(cacheContainer, ClusterCaches.ALL), new MediaRelayCheck()), timeout);
    }

    @Override
    public HealthReport check() {
        return checks.run(executor);
    }
}
