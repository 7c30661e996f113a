package org.confero.routing;

import java.util.Objects;

/**
 * A router as a policy sees it: its heartbeat, and its place in the admins' order ({@code confero.cluster.hosts}, used
 * by ordered fill). Only fresh routers are candidates at all.
 */
public record RouterCandidate(String node, int order, int participants, int meetings, int capacity, boolean draining,
        double cpuLoad) {

    /** A candidate whose CPU load is not known (counts as idle). */
    public RouterCandidate(String node, int order, int participants, int meetings, int capacity, boolean draining) {
        this(node, order, participants, meetings, capacity, draining, 0);
    }

    public RouterCandidate {
        Objects.requireNonNull(node, "node");
        if (participants < 0 || meetings < 0 || capacity < 0 || cpuLoad < 0) {
            throw new IllegalArgumentException("counts and load must not be negative");
        }
    }

    /** True while the router is below its participant threshold. */
    public boolean hasRoom() {
        return participants < capacity;
    }

    /**
     * Stress from 0 (idle) upwards: the larger of the share of its threshold in use and its CPU load (a router busy
     * with few but heavy meetings is loaded too), plus a little per meeting (each meeting costs fan-out state and
     * control sessions even when small).
     */
    public double stress() {
        double share = capacity == 0 ? 1.0 : (double) participants / capacity;
        return Math.max(share, cpuLoad) + meetings * 0.001;
    }
}
