package org.confero.client.media;

import java.time.Duration;
import java.util.Optional;

/**
 * One transport tried for one media type: how long it took and, when it failed, why; {@code credentialsRefused} when
 * the relay answered that it does not take the credentials ({@link CredentialsRefusedException}).
 */
public record MediaAttempt(Transport transport, Duration took, Optional<String> failure, boolean credentialsRefused) {

    public MediaAttempt(Transport transport, Duration took, Optional<String> failure) {
        this(transport, took, failure, false);
    }

    public boolean succeeded() {
        return failure.isEmpty();
    }
}
