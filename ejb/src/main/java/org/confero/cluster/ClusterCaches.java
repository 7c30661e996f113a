package org.confero.cluster;

import java.util.List;

/**
 * The replicated caches of the {@code confero} container, as wildfly-config/cli/standalone/confero.cli defines them.
 * Inject one with {@code @Resource(lookup = ClusterCaches.JNDI_PREFIX + NAME)}: the lookup is also what makes WildFly
 * start the cache for this deployment.
 */
public final class ClusterCaches {

    public static final String CONTAINER_JNDI = "java:jboss/infinispan/container/confero";
    public static final String JNDI_PREFIX = "java:jboss/infinispan/cache/confero/";

    /** Router load heartbeats (issue: zone controllers and MMR assignment). */
    public static final String ROUTERS = "routers";
    /** Which router hosts which meeting. */
    public static final String PLACEMENTS = "placements";
    /** Who is online and in which state. */
    public static final String PRESENCE = "presence";
    /** Control-channel sessions a client may resume on any server. */
    public static final String SESSIONS = "sessions";

    /** Control events (roster, chat, end) of meetings that span routers, from one router to the others. */
    public static final String ROOM_EVENTS = "room-events";

    /** Persistent chat's real-time events (messages, room changes) to the users' connections on every server. */
    public static final String CHAT_EVENTS = "chat-events";

    /** The servers of the cluster and their own URLs: what clients fail over along without a load balancer. */
    public static final String NODES = "nodes";

    /**
     * Issue 22: each router's rows of the admins' participants view (transport, client, last quality report), so that
     * any server answers for every participant of a meeting. Bounded (heap size) and expiring.
     */
    public static final String PARTICIPANTS = "participants";

    public static final List<String> ALL = List.of(ROUTERS, PLACEMENTS, PRESENCE, SESSIONS, ROOM_EVENTS, CHAT_EVENTS,
            NODES, PARTICIPANTS);

    private ClusterCaches() {
    }
}
