package org.confero.client.media;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Optional;

import org.confero.protocol.media.MediaBinding;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;

/**
 * Issue 22 on UDP and TCP: a STUN binding request on the bound path, which the relay answers on that same path, timed
 * by the connection's {@link PathRoundTrip}. Only how the request leaves differs between the two transports.
 */
final class StunRoundTripProbe {

    /** How one transport puts the request on its path. */
    @FunctionalInterface
    interface Sender {
        void send(byte[] request) throws IOException;
    }

    private StunRoundTripProbe() {
    }

    /** Sends a probe unless one is still awaited; a probe that could not be sent lets the next one go at once. */
    static void send(PathRoundTrip roundTrip, MediaCredentials credentials, MediaType mediaType, SecureRandom random,
            Sender sender) {
        byte[] id = MediaBinding.newTransactionId(random);
        byte[] probe = MediaBinding.request(credentials, mediaType, Optional.empty(), id);
        if (roundTrip.sending(id, System.nanoTime())) {
            try {
                sender.send(probe);
            } catch (IOException e) {
                roundTrip.notSent(id);
            }
        }
    }
}
