package org.confero.client.media;

import java.io.IOException;
import java.time.Duration;

import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView.MediaEndpoints;

/** Opens and binds one media connection over one transport within a timeout, or fails. */
@FunctionalInterface
public interface MediaDialer {

    MediaConnection dial(MediaEndpoints endpoints, MediaCredentials credentials, MediaType mediaType, Duration timeout)
            throws IOException, InterruptedException;
}
