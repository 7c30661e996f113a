package org.confero.client.media;

import java.time.Duration;
import java.util.Optional;

/** One transport tried for one media type: how long it took and, when it failed, why. */
public record MediaAttempt(Transport transport, Duration took, Optional<String> failure) {

    public boolean succeeded() {
        return failure.isEmpty();
    }
}
