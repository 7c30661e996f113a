package org.confero.cascade;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.confero.cluster.ClusterCaches;
import org.confero.common.ServerIdentity;
import org.confero.router.MediaKeys;
import org.confero.router.MeetingPlacements;
import org.confero.router.RouterLoad;
import org.confero.router.RouterRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.infinispan.Cache;
import org.jboss.logging.Logger;

/**
 * This router's cascade links (role {@code mmr}). Reconciles the placements with the live routers: for every meeting
 * placed here and on other routers, one link per peer — dialled by the router whose node name sorts first, so a pair
 * links once — and none for meetings or peers that went (meeting ended, peer dead or drained of the meeting). Runs on
 * every placement change and every {@code confero.cascade.check.ms}, which also re-dials links that broke.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@jakarta.ejb.DependsOn("RouterRegistry")
public class CascadeLinks {

    private static final Logger LOG = Logger.getLogger(CascadeLinks.class);

    @Inject
    private ServerIdentity identity;

    @EJB
    private RouterRegistry registry;

    @EJB
    private MediaKeys mediaKeys;

    @Resource(lookup = ClusterCaches.JNDI_PREFIX + ClusterCaches.PLACEMENTS)
    private Cache<String, String> placements;

    @Resource
    private TimerService timers;

    @Resource
    private ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "confero.cascade.check.ms", defaultValue = "1000")
    long checkMillis;

    private final Map<LinkKey, MeetingLink> links = new ConcurrentHashMap<>();
    private final Set<LinkKey> dialling = ConcurrentHashMap.newKeySet();
    private PlacementChanges changes;
    private volatile boolean stopped;

    /** A meeting's link to one peer router. */
    record LinkKey(String meetingId, String peer) {
    }

    @PostConstruct
    void start() {
        if (!identity.plays("mmr")) {
            return;
        }
        changes = new PlacementChanges(() -> executor.execute(this::reconcile));
        placements.addListener(changes);
        timers.createIntervalTimer(checkMillis, Math.max(200, checkMillis), new TimerConfig("cascade links", false));
    }

    @PreDestroy
    void stop() {
        stopped = true;
        if (changes != null) {
            placements.removeListener(changes);
        }
        links.values().forEach(MeetingLink::close);
        links.clear();
    }

    /** The links this router holds now: meeting id → peers, for the admin view and the tests. */
    public Map<String, List<String>> current() {
        return links.entrySet().stream().filter(e -> e.getValue().isUp()).collect(Collectors.groupingBy(
                e -> e.getKey().meetingId(), Collectors.mapping(e -> e.getKey().peer(), Collectors.toList())));
    }

    @Timeout
    void check() {
        reconcile();
    }

    private synchronized void reconcile() {
        if (stopped) {
            return;
        }
        String self = identity.node();
        Map<String, RouterLoad> live = liveRouters();
        Set<LinkKey> wanted = new HashSet<>();
        for (Map.Entry<String, String> placement : placements.entrySet()) {
            List<String> nodes = MeetingPlacements.nodes(placement.getValue());
            if (!nodes.contains(self)) {
                continue;
            }
            for (String peer : nodes) {
                if (self.compareTo(peer) < 0 && live.containsKey(peer)) {
                    wanted.add(new LinkKey(placement.getKey(), peer));
                }
            }
        }
        for (Map.Entry<LinkKey, MeetingLink> link : new ArrayList<>(links.entrySet())) {
            if (!wanted.contains(link.getKey()) || !link.getValue().isUp()) {
                links.remove(link.getKey());
                link.getValue().close();
                LOG.infof("Cascade link of meeting %s to %s closed (%s)", link.getKey().meetingId(),
                        link.getKey().peer(), wanted.contains(link.getKey()) ? "broken; re-dialling" : "not needed");
            }
        }
        for (LinkKey key : wanted) {
            if (!links.containsKey(key) && dialling.add(key)) {
                RouterLoad peer = live.get(key.peer());
                executor.execute(() -> dial(key, peer));
            }
        }
    }

    private void dial(LinkKey key, RouterLoad peer) {
        try {
            MeetingLink link = MeetingLink.dial(key.meetingId(), identity.node(), peer, mediaKeys);
            if (stopped || links.putIfAbsent(key, link) != null) {
                link.close();
            } else {
                LOG.infof("Cascade link of meeting %s to %s up (%s)", key.meetingId(), peer.node(), link.transports());
            }
        } catch (LinkFailedException e) {
            LOG.debugf("Cascade link of meeting %s to %s not up yet: %s", key.meetingId(), peer.node(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            dialling.remove(key);
        }
    }

    private Map<String, RouterLoad> liveRouters() {
        return registry.freshRouters().stream().collect(Collectors.toMap(RouterLoad::node, r -> r, (a, b) -> a));
    }
}
