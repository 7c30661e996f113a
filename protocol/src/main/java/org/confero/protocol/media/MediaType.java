package org.confero.protocol.media;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of media a participant sends, one media connection each. The {@link #code()} is what the media token and
 * the {@link Stun#ATTR_MEDIA_TYPE} attribute carry on the wire: stable, never reordered.
 */
public enum MediaType {
    AUDIO(1), VIDEO(2), CONTENT(3);

    private static final MediaType[] BY_CODE = { null, AUDIO, VIDEO, CONTENT };

    private final int code;

    MediaType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<MediaType> fromCode(int code) {
        return code > 0 && code < BY_CODE.length ? Optional.of(BY_CODE[code]) : Optional.empty();
    }

    /** Case-insensitive lookup of untrusted text, so bad input is an empty result rather than an exception. */
    public static Optional<MediaType> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (MediaType type : values()) {
            if (type.name().equals(name.toUpperCase(Locale.ROOT))) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
