package org.confero.client.media;

import java.util.List;
import java.util.Optional;

import org.confero.protocol.media.MediaType;

/** What connecting one media type came to: the connection, if any transport worked, and every attempt in order. */
public record MediaOutcome(MediaType mediaType, Optional<MediaConnection> connection, List<MediaAttempt> attempts) {

    public MediaOutcome {
        attempts = List.copyOf(attempts);
    }

    /** Nothing connected because the relay refused the credentials on the last transport tried. */
    public boolean credentialsRefused() {
        return connection.isEmpty() && !attempts.isEmpty() && attempts.get(attempts.size() - 1).credentialsRefused();
    }
}
