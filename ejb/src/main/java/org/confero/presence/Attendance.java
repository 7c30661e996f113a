package org.confero.presence;

import java.util.Optional;

/**
 * What one server knows of one user: open chat connections and meeting seats there. Stored as {@code "c,m"} — the
 * replicated cache carries only strings, which every server can read whatever classes it has deployed.
 */
public record Attendance(int connections, int meetings) {

    public static final Attendance NONE = new Attendance(0, 0);

    public Attendance {
        if (connections < 0 || meetings < 0) {
            throw new IllegalArgumentException("counts cannot be negative: " + connections + "," + meetings);
        }
    }

    public boolean isEmpty() {
        return connections == 0 && meetings == 0;
    }

    public Attendance plus(Attendance other) {
        return new Attendance(connections + other.connections, meetings + other.meetings);
    }

    public Attendance connected(int delta) {
        return new Attendance(Math.max(0, connections + delta), meetings);
    }

    public Attendance seated(int delta) {
        return new Attendance(connections, Math.max(0, meetings + delta));
    }

    public String encode() {
        return connections + "," + meetings;
    }

    /** Empty for anything that is not two non-negative counts. */
    public static Optional<Attendance> decode(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int comma = text.indexOf(',');
        try {
            return Optional.of(new Attendance(Integer.parseInt(text.substring(0, comma)),
                    Integer.parseInt(text.substring(comma + 1))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
