package org.confero.client.media;

import java.util.List;
import java.util.Optional;

import org.confero.protocol.media.MediaType;

/** What connecting one media type came to: the connection, if any transport worked, and every attempt in order. */
public record MediaOutcome(MediaType mediaType, Optional<MediaConnection> connection, List<MediaAttempt> attempts) {

    public MediaOutcome {
        attempts = List.copyOf(attempts);
    }

    /** Nothing connected because the relay refused the credentials (which ends a race: see {@link #refusedOn}). */
    public boolean credentialsRefused() {
        return connection.isEmpty() && refusedOn().isPresent();
    }

    /** The transport on which the relay refused the credentials, if it did. */
    public Optional<Transport> refusedOn() {
        return attempts.stream().filter(MediaAttempt::credentialsRefused).map(MediaAttempt::transport).findFirst();
    }
}
