package org.confero.client.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

import org.confero.protocol.media.MediaBinding;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.media.Stun;
import org.confero.protocol.media.StunMessage;

/**
 * The client's side of the media binding (README "The media relay"): request → 401 with a NONCE → the same request
 * echoing the nonce → success; a 438 Stale Nonce starts over with the new nonce. Answers that do not carry our
 * transaction id or fail MESSAGE-INTEGRITY are ignored, not fatal: on UDP anyone can send us a datagram.
 */
final class BindingHandshake {

    /** A stale nonce more than this often means the clocks or the relay are broken; retrying will not help. */
    private static final int MAX_CHALLENGES = 3;

    private final SecureRandom random;

    BindingHandshake(SecureRandom random) {
        this.random = random;
    }

    /**
     * @param retransmit
     *            on UDP, how long to wait before sending the request again (RFC 8489 section 6.2.1); empty on reliable
     *            transports, where a retransmission would only be a duplicate
     * @param attempt
     *            told when the relay's first authentic answer arrives
     *
     * @return the address the relay sees us at (XOR-MAPPED-ADDRESS), if it said
     */
    Optional<InetSocketAddress> bind(PacketChannel channel, MediaCredentials credentials, MediaType mediaType,
            Duration timeout, Optional<Duration> retransmit, DialAttempt attempt) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<String> nonce = Optional.empty();
        for (int challenges = 0; challenges <= MAX_CHALLENGES; challenges++) {
            byte[] transaction = MediaBinding.newTransactionId(random);
            byte[] request = MediaBinding.request(credentials, mediaType, nonce, transaction);
            StunMessage answer = exchange(channel, request, transaction, credentials.integrityKey(), deadline,
                    retransmit);
            // An authentic answer, even a challenge: the relay is reachable over this transport.
            attempt.answered();
            if (answer.type() == Stun.BINDING_SUCCESS) {
                return answer.xorMappedAddress();
            }
            int code = answer.errorCode().orElse(0);
            Optional<String> challenge = answer.stringAttribute(Stun.ATTR_NONCE);
            if ((code != Stun.ERROR_UNAUTHENTICATED && code != Stun.ERROR_STALE_NONCE) || challenge.isEmpty()) {
                throw new IOException("binding refused with STUN error " + code);
            }
            if (nonce.isPresent() && code == Stun.ERROR_UNAUTHENTICATED) {
                // A 401 to a request that already carried a nonce: the relay does not accept our credentials.
                throw new CredentialsRefusedException("binding refused: credentials not accepted");
            }
            nonce = challenge;
        }
        throw new IOException("binding refused: nonce went stale " + MAX_CHALLENGES + " times");
    }

    private static StunMessage exchange(PacketChannel channel, byte[] request, byte[] transaction, byte[] key,
            long deadline, Optional<Duration> retransmit) throws IOException {
        channel.send(request);
        long resendAt = retransmit.map(r -> System.nanoTime() + r.toNanos()).orElse(Long.MAX_VALUE);
        while (true) {
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                throw new SocketTimeoutException("no binding answer in time");
            }
            if (now - resendAt >= 0) {
                channel.send(request);
                resendAt = now + retransmit.orElseThrow().toNanos();
            }
            Optional<byte[]> packet = channel.receive(Math.min(deadline, resendAt));
            if (packet.isEmpty()) {
                continue;
            }
            byte[] data = packet.get();
            Optional<StunMessage> answer = StunMessage.parse(data, 0, data.length);
            if (answer.isPresent() && answer.get().hasTransactionId(transaction) && answer.get().verifyIntegrity(key)) {
                return answer.get();
            }
        }
    }
}
