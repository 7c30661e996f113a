package org.confero.presence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.confero.cluster.ClusterCaches;
import org.confero.common.api.DomainException;
import org.infinispan.Cache;
import org.infinispan.context.Flag;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryRemoved;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;
import org.infinispan.notifications.cachemanagerlistener.annotation.ViewChanged;
import org.infinispan.notifications.cachemanagerlistener.event.ViewChangedEvent;
import org.infinispan.remoting.transport.Address;
import org.jboss.logging.Logger;

/**
 * Presence across the cluster, in the replicated {@code presence} cache:
 * <ul>
 * <li>{@code at:<user>@<server>} → {@link Attendance} — written only by that server, for the users it serves;</li>
 * <li>{@code choice:<user>} → {@code available|busy} — what the user chose, from any server.</li>
 * </ul>
 * A user's presence counts the entries of servers in the current cluster view only: when a server dies, the view change
 * alone turns its users offline (or to what their other servers say), and the coordinator then deletes the dead
 * server's entries; a restarted server deletes the ones it left behind before it serves anyone.
 *
 * <p>
 * Listeners are asynchronous on purpose: a synchronous one would run inside another server's replicated write while
 * this server may be waiting on that server's acknowledgement — two servers each waiting for the other.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Presence {

    private static final Logger LOG = Logger.getLogger(Presence.class);
    private static final String AT = "at:";
    private static final String CHOICE = "choice:";

    @Resource(lookup = ClusterCaches.JNDI_PREFIX + ClusterCaches.PRESENCE)
    private Cache<String, String> cache;

    @Resource(lookup = ClusterCaches.CONTAINER_JNDI)
    private EmbeddedCacheManager container;

    /** This server's counts per user; written under the lock of {@link #update}. */
    private final Map<String, Attendance> local = new ConcurrentHashMap<>();
    /** What this server last told its connections of each user not offline. */
    private final Map<String, PresenceStatus> told = new ConcurrentHashMap<>();
    private final Object telling = new Object();
    private volatile PresenceWatcher watcher = (user, status) -> {
    };
    private String node;
    private final Object listener = new CacheChanges();
    private final Object viewListener = new ViewChanges();

    @PostConstruct
    void start() {
        node = container.getAddress() == null ? "local" : container.getAddress().toString();
        for (String key : localKeys()) {
            if (key.startsWith(AT) && key.endsWith("@" + node)) {
                cache.remove(key);
            }
        }
        cache.addListener(listener);
        container.addListener(viewListener);
    }

    @PreDestroy
    void stop() {
        container.removeListener(viewListener);
        cache.removeListener(listener);
        for (String user : List.copyOf(local.keySet())) {
            cache.remove(atKey(user, node));
        }
    }

    /** Who hears of changes on this server. Set once by the web tier. */
    public void watchWith(PresenceWatcher watcher) {
        this.watcher = watcher;
    }

    public void connected(String user) {
        update(user, 1, 0);
    }

    public void disconnected(String user) {
        update(user, -1, 0);
    }

    public void seated(String user) {
        update(user, 0, 1);
    }

    public void unseated(String user) {
        update(user, 0, -1);
    }

    /** A user's own choice: {@code available} or {@code busy}. */
    public PresenceStatus choose(String user, String status) {
        PresenceStatus chosen = PresenceStatus.parse(status).filter(PresenceStatus::choosable)
                .orElseThrow(() -> DomainException.invalid(
                        "status must be available or busy (in-meeting and " + "offline follow from what you do)"));
        cache.put(CHOICE + user, chosen.wireName());
        return statusOf(user);
    }

    public PresenceStatus statusOf(String user) {
        Optional<PresenceStatus> choice = Optional.ofNullable(cache.get(CHOICE + user)).flatMap(PresenceStatus::parse);
        List<Attendance> live = new ArrayList<>();
        for (String server : liveServers()) {
            Attendance.decode(cache.get(atKey(user, server))).ifPresent(live::add);
        }
        return PresenceRules.effective(choice, live);
    }

    /** The presence of each of {@code users}, in the order given. */
    public Map<String, PresenceStatus> statusesOf(Collection<String> users) {
        Map<String, PresenceStatus> result = new LinkedHashMap<>();
        users.forEach(user -> result.put(user, statusOf(user)));
        return result;
    }

    /** Serialised: the counts and the cache entry of a user move together (connections come and go rarely). */
    private synchronized void update(String user, int connections, int meetings) {
        Attendance next = local.getOrDefault(user, Attendance.NONE).connected(connections).seated(meetings);
        if (next.isEmpty()) {
            local.remove(user);
            cache.remove(atKey(user, node));
        } else {
            local.put(user, next);
            cache.put(atKey(user, node), next.encode());
        }
    }

    private void recheck(String user) {
        synchronized (telling) {
            PresenceStatus now = statusOf(user);
            PresenceStatus before = now == PresenceStatus.OFFLINE ? told.remove(user) : told.put(user, now);
            if ((before == null ? PresenceStatus.OFFLINE : before) != now) {
                try {
                    watcher.changed(user, now);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Telling connections that %s is %s failed", user, now.wireName());
                }
            }
        }
    }

    private Set<String> liveServers() {
        List<Address> members = container.getMembers();
        if (members == null) {
            return Set.of(node);
        }
        return members.stream().map(Address::toString).collect(Collectors.toUnmodifiableSet());
    }

    /** The keys this server holds: all of them, the cache being replicated; never a cluster-wide iteration. */
    private List<String> localKeys() {
        return List.copyOf(cache.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL).keySet());
    }

    private static String atKey(String user, String server) {
        return AT + user + "@" + server;
    }

    /** The user an entry is about, or empty for a key of another shape. */
    static Optional<String> userOf(String key) {
        if (key.startsWith(CHOICE)) {
            return Optional.of(key.substring(CHOICE.length()));
        }
        // The last '@': usernames may contain one, server addresses do not.
        int at = key.lastIndexOf('@');
        if (key.startsWith(AT) && at > AT.length()) {
            return Optional.of(key.substring(AT.length(), at));
        }
        return Optional.empty();
    }

    @Listener(sync = false)
    public final class CacheChanges {
        @CacheEntryCreated
        @CacheEntryModified
        @CacheEntryRemoved
        public void changed(CacheEntryEvent<String, String> event) {
            if (!event.isPre()) {
                userOf(event.getKey()).ifPresent(Presence.this::recheck);
            }
        }
    }

    @Listener(sync = false)
    public final class ViewChanges {
        @ViewChanged
        public void viewChanged(ViewChangedEvent event) {
            Set<String> live = event.getNewMembers().stream().map(Address::toString).collect(Collectors.toSet());
            told.keySet().forEach(Presence.this::recheck);
            if (container.isCoordinator()) {
                for (String key : localKeys()) {
                    int at = key.lastIndexOf('@');
                    if (key.startsWith(AT) && at > 0 && !live.contains(key.substring(at + 1))) {
                        cache.remove(key);
                    }
                }
            }
        }
    }
}
