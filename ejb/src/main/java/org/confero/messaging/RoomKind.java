package org.confero.messaging;

import java.util.Locale;
import java.util.Optional;

/** A direct room has exactly two members for good; a group room has a name and members who come and go. */
public enum RoomKind {
    DIRECT, GROUP;

    /** The API's lower-case name. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RoomKind> parse(String text) {
        for (RoomKind kind : values()) {
            if (kind.wireName().equals(text)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
