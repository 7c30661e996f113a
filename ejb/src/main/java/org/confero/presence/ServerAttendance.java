package org.confero.presence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One user's attendance on every server that serves it, as one replicated value: {@code server=c,m,expiresAtMillis}
 * entries joined by {@code ;}. A server renews its own entry while the user is there; an entry past its expiry is a
 * server that stopped renewing it — dead or cut off — and no longer counts. Strings only: any server reads them
 * whatever classes it has deployed.
 */
public final class ServerAttendance {

    /** An entry: the counts on one server and until when they hold. */
    public record Entry(Attendance attendance, long expiresAtMillis) {
    }

    private final Map<String, Entry> byServer;

    private ServerAttendance(Map<String, Entry> byServer) {
        this.byServer = byServer;
    }

    public static ServerAttendance empty() {
        return new ServerAttendance(Map.of());
    }

    /** Unreadable entries are dropped: a corrupt value must not keep a user online for ever. */
    public static ServerAttendance decode(String text) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (text != null) {
            for (String part : text.split(";")) {
                int eq = part.lastIndexOf('=');
                int lastComma = part.lastIndexOf(',');
                if (eq <= 0 || lastComma <= eq) {
                    continue;
                }
                try {
                    long expires = Long.parseLong(part.substring(lastComma + 1));
                    Attendance.decode(part.substring(eq + 1, lastComma))
                            .ifPresent(a -> entries.put(part.substring(0, eq), new Entry(a, expires)));
                } catch (NumberFormatException e) {
                    // dropped, as documented
                }
            }
        }
        return new ServerAttendance(Collections.unmodifiableMap(entries));
    }

    public String encode() {
        List<String> parts = new ArrayList<>();
        byServer.forEach((server, entry) -> parts
                .add(server + "=" + entry.attendance().encode() + "," + entry.expiresAtMillis()));
        return String.join(";", parts);
    }

    /** This value with {@code server}'s entry replaced (or removed when empty), and expired entries dropped. */
    public ServerAttendance with(String server, Attendance attendance, Instant expiresAt, Instant now) {
        Map<String, Entry> next = new LinkedHashMap<>();
        byServer.forEach((name, entry) -> {
            if (!name.equals(server) && entry.expiresAtMillis() > now.toEpochMilli()) {
                next.put(name, entry);
            }
        });
        if (!attendance.isEmpty()) {
            next.put(server, new Entry(attendance, expiresAt.toEpochMilli()));
        }
        return new ServerAttendance(Collections.unmodifiableMap(next));
    }

    /** The attendances that still count at {@code now}. */
    public List<Attendance> live(Instant now) {
        return byServer.values().stream().filter(entry -> entry.expiresAtMillis() > now.toEpochMilli())
                .map(Entry::attendance).toList();
    }

    public boolean isEmpty() {
        return byServer.isEmpty();
    }
}
