package org.confero.router;

import java.time.Instant;
import java.util.Objects;

/**
 * One router's heartbeat. Stored in the replicated cache as its {@link #encode() text form}: a String marshals with no
 * schema on every node, whatever version of this class it runs.
 */
public record RouterLoad(String node, String zone, int participants, int meetings, int capacity, boolean draining,
        Instant at) {

    public RouterLoad {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(at, "at");
        if (node.contains("|") || zone.contains("|")) {
            throw new IllegalArgumentException("node and zone names must not contain '|'");
        }
    }

    public String encode() {
        return String.join("|", "v1", node, zone, Integer.toString(participants), Integer.toString(meetings),
                Integer.toString(capacity), Boolean.toString(draining), Long.toString(at.toEpochMilli()));
    }

    public static RouterLoad decode(String text) {
        String[] f = text.split("\\|", -1);
        if (f.length != 8 || !f[0].equals("v1")) {
            throw new IllegalArgumentException("not a router load record");
        }
        return new RouterLoad(f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                Boolean.parseBoolean(f[6]), Instant.ofEpochMilli(Long.parseLong(f[7])));
    }

    public boolean isFresh(Instant now, java.time.Duration maxAge) {
        return !at.plus(maxAge).isBefore(now);
    }
}
