package org.confero.client.nettest;

import java.time.Duration;
import java.util.Optional;

import org.confero.client.media.Transport;

/** One media transport tried against a router: bound (both directions work) after {@code took}, or why not. */
public record TransportCheck(Transport transport, Duration took, Optional<String> failure) {

    public boolean works() {
        return failure.isEmpty();
    }
}
