package org.confero.zone.ranking;

/**
 * A zone's live load as the zone controllers publish it.
 *
 * @param participants
 *            participants currently connected to the zone's routers
 * @param capacity
 *            participants the zone's healthy routers can take in all (the sum of their thresholds); 0 means none
 * @param healthyRouters
 *            routers that answer their health checks; 0 makes the zone unhealthy whatever the numbers above say
 */
public record ZoneLoad(int participants, int capacity, int healthyRouters) {

    public ZoneLoad {
        if (participants < 0 || capacity < 0 || healthyRouters < 0) {
            throw new IllegalArgumentException(
                    "load figures must not be negative: " + participants + "/" + capacity + ", " + healthyRouters);
        }
    }

    public boolean healthy() {
        return healthyRouters > 0;
    }

    public boolean full() {
        return participants >= capacity;
    }

    /** Participants per unit of capacity: 0 when idle, 1 or more when full (a zone without capacity counts as full). */
    public double ratio() {
        return capacity == 0 ? 1.0 : (double) participants / capacity;
    }
}
