package org.confero.client;

import java.io.IOException;
import java.util.Optional;

/**
 * Nothing connected: no zone controller, router, control channel or media path could be reached. Carries the meeting's
 * web client URL, the last resort that needs only a browser and HTTPS.
 */
public final class ConnectionFailedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final Phase phase;
    private final String webClientUrl;

    public ConnectionFailedException(Phase phase, String reason, String webClientUrl) {
        super("could not connect (" + phase + ": " + reason + ")"
                + (webClientUrl == null ? "" : "; join from a browser instead: " + webClientUrl));
        this.phase = phase;
        this.webClientUrl = webClientUrl;
    }

    public Phase phase() {
        return phase;
    }

    public Optional<String> webClientUrl() {
        return Optional.ofNullable(webClientUrl);
    }
}
