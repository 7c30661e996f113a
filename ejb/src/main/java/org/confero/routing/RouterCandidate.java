package org.confero.routing;

import java.util.Objects;

/**
 * A router as a policy sees it: its heartbeat, and its place in the admins' order ({@code confero.cluster.hosts}, used
 * by ordered fill). Only fresh routers are candidates at all.
 */
public record RouterCandidate(String node, int order, int participants, int meetings, int capacity, boolean draining) {

    public RouterCandidate {
        Objects.requireNonNull(node, "node");
        if (participants < 0 || meetings < 0 || capacity < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** True while the router is below its participant threshold. */
    public boolean hasRoom() {
        return participants < capacity;
    }

    /**
     * Stress from 0 (idle) upwards: the share of its threshold in use, plus a little per meeting (each meeting costs a
     * router fan-out state and control sessions even when small).
     */
    public double stress() {
        double share = capacity == 0 ? 1.0 : (double) participants / capacity;
        return share + meetings * 0.001;
    }
}
