package org.confero.client.http;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A readable reason for an I/O failure. The JDK's HTTP client often throws a {@code ConnectException} with no message
 * whose cause says what happened; a user needs the whole chain in one line ("ConnectException: Connection refused").
 */
public final class IoReasons {

    private IoReasons() {
    }

    public static String describe(Throwable failure) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable t = failure; t != null && parts.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank()) {
                parts.add(t.getClass().getSimpleName() + ": " + message);
            } else if (parts.isEmpty() && t.getCause() == null) {
                parts.add(t.getClass().getSimpleName());
            }
        }
        if (parts.isEmpty()) {
            parts.add(failure.getClass().getSimpleName());
        }
        return String.join(" ← ", parts);
    }
}
