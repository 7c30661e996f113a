package org.confero.client.media;

import java.io.IOException;
import java.time.Duration;

import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView.MediaEndpoints;

/**
 * Opens and binds one media connection over one transport within a timeout, or fails. Every socket it opens goes to
 * {@link DialAttempt#guard} at once, and the relay's first authentic answer is reported to
 * {@link DialAttempt#answered}: that is how a {@link TransportRace} cancels a loser and tells a slow working path from
 * a silent one.
 */
@FunctionalInterface
public interface MediaDialer {

    MediaConnection dial(MediaEndpoints endpoints, MediaCredentials credentials, MediaType mediaType, Duration timeout,
            DialAttempt attempt) throws IOException, InterruptedException;
}
