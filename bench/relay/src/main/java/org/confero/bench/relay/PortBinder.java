package org.confero.bench.relay;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.Optional;

import org.confero.protocol.media.MediaBinding;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.media.Stun;
import org.confero.protocol.media.StunMessage;

/**
 * Runs the media binding handshake (package documentation of {@code org.confero.protocol.media}) from a given
 * loopback port, then lets the port go, so that a load tool (the C sink, or the C generator on a socket bound to the
 * same port) takes it over: the relay binds transport addresses, not sockets, so whoever sends from or receives at
 * 127.0.0.1:port afterwards is the bound participant. Every exchange is bounded by a timeout and a retry count.
 */
final class PortBinder {

    private static final int TIMEOUT_MILLIS = 1000;
    private static final int ATTEMPTS = 4;

    private final InetSocketAddress relay;
    private final SecureRandom random = new SecureRandom();

    PortBinder(InetSocketAddress relay) {
        this.relay = relay;
    }

    /** Binds 127.0.0.1:{@code localPort} with {@code credentials}; throws IOException when the relay does not. */
    void bind(int localPort, MediaCredentials credentials, MediaType mediaType) throws IOException {
        byte[] key = credentials.integrityKey();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", localPort))) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            Optional<String> nonce = Optional.empty();
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                byte[] transactionId = MediaBinding.newTransactionId(random);
                byte[] request = MediaBinding.request(credentials, mediaType, nonce, transactionId);
                socket.send(new DatagramPacket(request, request.length, relay));
                Optional<StunMessage> answer = awaitAnswer(socket, transactionId, key);
                if (answer.isEmpty()) {
                    continue; // lost or not for us: ask again (bounded)
                }
                StunMessage message = answer.get();
                if (message.type() == Stun.BINDING_SUCCESS) {
                    return;
                }
                // 401 (first round) or 438 (stale nonce): echo the nonce the relay just sent to this address.
                nonce = message.stringAttribute(Stun.ATTR_NONCE);
                if (message.type() != Stun.BINDING_ERROR || nonce.isEmpty()) {
                    throw new IOException("unexpected answer type 0x" + Integer.toHexString(message.type()));
                }
            }
            throw new IOException("no binding after " + ATTEMPTS + " attempts from port " + localPort);
        }
    }

    /** The answer to {@code transactionId} with valid integrity; consent checks and strays are skipped. */
    private static Optional<StunMessage> awaitAnswer(DatagramSocket socket, byte[] transactionId, byte[] key)
            throws IOException {
        byte[] buffer = new byte[2048];
        long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            Optional<StunMessage> parsed = StunMessage.parse(packet.getData(), 0, packet.getLength());
            if (parsed.isPresent() && parsed.get().hasTransactionId(transactionId)
                    && parsed.get().verifyIntegrity(key)) {
                return parsed;
            }
        }
        return Optional.empty();
    }
}
