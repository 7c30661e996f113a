package org.confero.router;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;

import java.time.Instant;

import org.confero.common.ServerIdentity;
import org.confero.mmr.MediaPresence;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * This server's heartbeat as a multimedia router (role {@code mmr}): every {@code confero.router.heartbeat.ms} its load
 * goes to the {@link RouterRegistry}. The timer is not persistent: a heartbeat missed while the server is down must not
 * be replayed, its absence is the signal.
 */
@Singleton
@Startup
// Its @PreDestroy removes this router from the registry, which must still be there when it runs.
@jakarta.ejb.DependsOn("RouterRegistry")
public class RouterHeartbeat {

    @Inject
    private ServerIdentity identity;

    private static final Logger LOG = Logger.getLogger(RouterHeartbeat.class);

    @Resource
    private TimerService timers;

    @EJB
    private RouterRegistry registry;

    @EJB
    private MediaPresence presence;

    @Inject
    @ConfigProperty(name = "confero.mmr.capacity", defaultValue = "500")
    int capacity;

    @Inject
    @ConfigProperty(name = "confero.mmr.draining", defaultValue = "false")
    boolean draining;

    @Inject
    @ConfigProperty(name = "confero.router.heartbeat.ms", defaultValue = "2000")
    long periodMillis;

    /** The host clients send media to; by default the public URL's host. */
    @Inject
    @ConfigProperty(name = "confero.mmr.media.host")
    java.util.Optional<String> mediaHost;

    @Inject
    @ConfigProperty(name = "confero.media.udp.port", defaultValue = "8801")
    int udpPort;

    @Inject
    @ConfigProperty(name = "confero.media.tcp.port", defaultValue = "8801")
    int tcpPort;

    @Inject
    private org.confero.common.PublicUrl publicUrl;

    /**
     * This router's own base URL (control channel and media over WebSocket): behind a load balancer each router must
     * still be reached directly, since its meetings live in its memory. By default the public URL.
     */
    @Inject
    @ConfigProperty(name = "confero.mmr.url")
    java.util.Optional<String> routerUrl;

    @PostConstruct
    void start() {
        if (!identity.plays("mmr")) {
            return;
        }
        TimerConfig config = new TimerConfig("router heartbeat", false);
        timers.createIntervalTimer(0, Math.max(200, periodMillis), config);
        LOG.infof("Router %s heartbeats in zone %s (capacity %d participants)", identity.node(), identity.zone(),
                capacity);
    }

    private long lastPacketsIn = -1;
    private long lastAtNanos;

    @Timeout
    void beat() {
        registry.heartbeat(new RouterLoad(identity.node(), identity.zone(), presence.participantCount(),
                presence.meetingCount(), capacity, draining, Instant.now(), routerBase() + "/api/v1/mmr",
                mediaHost.orElseGet(() -> java.net.URI.create(routerBase() + "/").getHost()), udpPort, tcpPort,
                packetsPerSecond(), cpuLoad()));
    }

    private String routerBase() {
        String base = routerUrl.orElseGet(() -> publicUrl.resolve(""));
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    // Media packets received per second since the last heartbeat; 0 while the relay is not running.
    private long packetsPerSecond() {
        try (org.confero.media.api.MediaConnection relay = org.confero.mmr.LocalRelay.connect()) {
            long packets = relay.statistics().packetsIn();
            long now = System.nanoTime();
            long rate = lastPacketsIn < 0 || now == lastAtNanos ? 0
                    : (packets - lastPacketsIn) * 1_000_000_000L / (now - lastAtNanos);
            lastPacketsIn = packets;
            lastAtNanos = now;
            return Math.max(0, rate);
        } catch (Exception e) {
            return 0;
        }
    }

    private static double cpuLoad() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? 0 : load / Runtime.getRuntime().availableProcessors();
    }

    @PreDestroy
    void stop() {
        if (identity.plays("mmr")) {
            registry.remove(identity.node()); // an orderly shutdown leaves at once instead of waiting to go stale
        }
    }
}
