package org.confero.client.media;

import java.io.IOException;
import java.util.Optional;

/**
 * Where media credentials come from: the control session, which holds the router's latest grant and asks it for a fresh
 * one ({@code media-credentials}) on demand.
 */
public interface MediaGrantSource {

    /** The latest grant; empty while the participant is not in the meeting (waiting room) or none has come yet. */
    Optional<MediaGrant> mediaGrant();

    /**
     * Asks the router for fresh credentials and waits for them (a bounded time).
     *
     * @throws IOException
     *             the router refused (the participant is not in the meeting), or none came in time
     */
    MediaGrant refreshMediaGrant() throws IOException, InterruptedException;
}
