package org.confero.presence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.confero.cluster.ClusterCaches;
import org.confero.common.ServerIdentity;
import org.confero.common.api.DomainException;
import org.infinispan.Cache;
import org.infinispan.context.Flag;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryRemoved;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;
import org.infinispan.notifications.cachelistener.event.Event;
import org.jboss.logging.Logger;

/**
 * Presence across the cluster, in the replicated {@code presence} cache:
 * <ul>
 * <li>{@code at:<user>} → {@link ServerAttendance}: per server, the user's chat connections and meeting seats there,
 * each entry renewed by its server every {@value #RENEW_SECONDS} s and counting for {@value #LIFETIME_SECONDS} s;</li>
 * <li>{@code choice:<user>} → {@code available|busy}: what the user chose, from any server.</li>
 * </ul>
 * A server that dies stops renewing: its users are offline (or what their other servers say) within
 * {@value #LIFETIME_SECONDS} s. A server that stops cleanly withdraws its entries at once. Values are changed by
 * compare-and-set, never by a function shipped to other servers.
 *
 * <p>
 * Connections hear of changes from the cache listener at once; every {@value #CHECK_SECONDS} s each server also
 * compares what it told of every user with the cache (all of it is local, the cache being replicated), so a lapsed
 * entry, or an event that came in out of order with a concurrent check, is put right within that time.
 *
 * <p>
 * The cache listener works out the presence from the event's own value: a read of the same key from inside the
 * notification can still see the value before the write (measured on a domain: every such read said offline). It writes
 * nothing and only queues frames on connections, so it cannot hold up the replicated write it runs in.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Presence {

    static final int RENEW_SECONDS = 15;
    static final int LIFETIME_SECONDS = 45;
    static final int CHECK_SECONDS = 5;

    private static final Logger LOG = Logger.getLogger(Presence.class);
    private static final String AT = "at:";
    private static final String CHOICE = "choice:";
    private static final int CAS_ATTEMPTS = 50;

    @Resource(lookup = ClusterCaches.JNDI_PREFIX + ClusterCaches.PRESENCE)
    private Cache<String, String> cache;

    @Inject
    private ServerIdentity identity;

    /** This server's counts per user; written under the lock of {@link #update}. */
    private final Map<String, Attendance> local = new ConcurrentHashMap<>();
    /** What this server last told its connections of each user not offline. */
    private final Map<String, PresenceStatus> told = new ConcurrentHashMap<>();
    private final Object telling = new Object();
    private final Clock clock = Clock.systemUTC();
    private volatile PresenceWatcher watcher = (user, status) -> {
    };
    private volatile Instant renewed = Instant.EPOCH;
    private final Object listener = new CacheChanges();

    @PostConstruct
    void start() {
        // Entries this server left behind when it stopped uncleanly: nobody is connected here yet.
        for (String key : localKeys()) {
            if (key.startsWith(AT)) {
                write(key.substring(AT.length()), Attendance.NONE);
            }
        }
        cache.addListener(listener);
    }

    @PreDestroy
    void stop() {
        cache.removeListener(listener);
        for (String user : List.copyOf(local.keySet())) {
            write(user, Attendance.NONE);
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
        return PresenceRules.effective(choice, ServerAttendance.decode(cache.get(AT + user)).live(clock.instant()));
    }

    /** The presence of each of {@code users}, in the order given. */
    public Map<String, PresenceStatus> statusesOf(Collection<String> users) {
        Map<String, PresenceStatus> result = new LinkedHashMap<>();
        users.forEach(user -> result.put(user, statusOf(user)));
        return result;
    }

    /** Renews this server's entries before they lapse, and tells connections of entries other servers let lapse. */
    @Schedule(hour = "*", minute = "*", second = "*/" + CHECK_SECONDS, persistent = false)
    void renewAndCheck() {
        Instant now = clock.instant();
        if (!now.isBefore(renewed.plusSeconds(RENEW_SECONDS))) {
            renewed = now;
            local.forEach(this::renew);
        }
        Set<String> users = new HashSet<>(told.keySet());
        localKeys().forEach(key -> userOf(key).ifPresent(users::add));
        users.forEach(this::recheck);
    }

    /** Serialised: the counts and the cache entry of a user move together (connections come and go rarely). */
    private synchronized void update(String user, int connections, int meetings) {
        Attendance next = local.getOrDefault(user, Attendance.NONE).connected(connections).seated(meetings);
        if (next.isEmpty()) {
            local.remove(user);
        } else {
            local.put(user, next);
        }
        write(user, next);
    }

    private synchronized void renew(String user, Attendance attendance) {
        if (local.get(user) == attendance) {
            write(user, attendance);
        }
    }

    /** Sets this server's entry of {@code user}'s attendance by compare-and-set. */
    private void write(String user, Attendance attendance) {
        String key = AT + user;
        for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            String old = cache.get(key);
            ServerAttendance next = ServerAttendance.decode(old).with(identity.node(), attendance,
                    now.plusSeconds(LIFETIME_SECONDS), now);
            boolean done;
            if (old == null) {
                done = next.isEmpty() || cache.putIfAbsent(key, next.encode()) == null;
            } else if (next.isEmpty()) {
                done = cache.remove(key, old);
            } else {
                done = cache.replace(key, old, next.encode());
            }
            if (done) {
                return;
            }
        }
        LOG.warnf("Presence of %s not written after %d attempts (contention)", user, CAS_ATTEMPTS);
    }

    /** Reads under the lock of {@link #tell}: a listener's newer news cannot be told before this older read. */
    private void recheck(String user) {
        synchronized (telling) {
            tell(user, statusOf(user));
        }
    }

    /** Tells this server's connections of {@code user}'s presence if it is not what they were told last. */
    private void tell(String user, PresenceStatus now) {
        synchronized (telling) {
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

    /** The keys this server holds: all of them, the cache being replicated; never a cluster-wide iteration. */
    private List<String> localKeys() {
        return List.copyOf(cache.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL).keySet());
    }

    /** The user an entry is about, or empty for a key of another shape. */
    static Optional<String> userOf(String key) {
        if (key.startsWith(CHOICE)) {
            return Optional.of(key.substring(CHOICE.length()));
        }
        if (key.startsWith(AT) && key.length() > AT.length()) {
            return Optional.of(key.substring(AT.length()));
        }
        return Optional.empty();
    }

    @Listener(sync = true, primaryOnly = false, observation = Listener.Observation.POST)
    public final class CacheChanges {
        @CacheEntryCreated
        @CacheEntryModified
        @CacheEntryRemoved
        public void changed(CacheEntryEvent<String, String> event) {
            String key = event.getKey();
            String value = event.getType() == Event.Type.CACHE_ENTRY_REMOVED ? null : event.getValue();
            userOf(key).ifPresent(user -> {
                Instant now = clock.instant();
                if (key.startsWith(CHOICE)) {
                    tell(user, PresenceRules.effective(Optional.ofNullable(value).flatMap(PresenceStatus::parse),
                            ServerAttendance.decode(cache.get(AT + user)).live(now)));
                } else {
                    Optional<PresenceStatus> choice = Optional.ofNullable(cache.get(CHOICE + user))
                            .flatMap(PresenceStatus::parse);
                    tell(user, PresenceRules.effective(choice, ServerAttendance.decode(value).live(now)));
                }
            });
        }
    }
}
