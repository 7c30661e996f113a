package org.confero.presence;

import java.util.Optional;

/** The four presences, with their API names. Only {@link #AVAILABLE} and {@link #BUSY} are chosen by users. */
public enum PresenceStatus {
    AVAILABLE("available"), BUSY("busy"), IN_MEETING("in-meeting"), OFFLINE("offline");

    private final String wireName;

    PresenceStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean choosable() {
        return this == AVAILABLE || this == BUSY;
    }

    public static Optional<PresenceStatus> parse(String text) {
        for (PresenceStatus status : values()) {
            if (status.wireName.equals(text)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
