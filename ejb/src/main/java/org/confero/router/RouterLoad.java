package org.confero.router;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One router's heartbeat: its load (participants, meetings, media packets per second received, CPU load as the system
 * load average per processor), its threshold and state, and where clients reach it. Stored in the replicated cache as
 * its {@link #encode() text form}: a String marshals with no schema on every node, whatever version of this class it
 * runs.
 */
public record RouterLoad(String node, String zone, int participants, int meetings, int capacity, boolean draining,
        Instant at, String controlUrl, String mediaHost, int udpPort, int tcpPort, long packetsPerSecond,
        double cpuLoad) {

    private static final String SEPARATOR = "|";

    public RouterLoad {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(controlUrl, "controlUrl");
        Objects.requireNonNull(mediaHost, "mediaHost");
        for (String text : new String[] { node, zone, controlUrl, mediaHost }) {
            if (text.contains(SEPARATOR)) {
                throw new IllegalArgumentException("router fields must not contain '|'");
            }
        }
    }

    public String encode() {
        return String.join(SEPARATOR, "v3", node, zone, Integer.toString(participants), Integer.toString(meetings),
                Integer.toString(capacity), Boolean.toString(draining), Long.toString(at.toEpochMilli()), controlUrl,
                mediaHost, Integer.toString(udpPort), Integer.toString(tcpPort), Long.toString(packetsPerSecond),
                Double.toString(cpuLoad));
    }

    public static RouterLoad decode(String text) {
        String[] f = text.split("\\|", -1);
        if (f.length != 14 || !f[0].equals("v3")) {
            throw new IllegalArgumentException("not a router load record");
        }
        return new RouterLoad(f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                Boolean.parseBoolean(f[6]), Instant.ofEpochMilli(Long.parseLong(f[7])), f[8], f[9],
                Integer.parseInt(f[10]), Integer.parseInt(f[11]), Long.parseLong(f[12]), Double.parseDouble(f[13]));
    }

    public boolean isFresh(Instant now, Duration maxAge) {
        return !at.plus(maxAge).isBefore(now);
    }
}
