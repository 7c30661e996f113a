package org.confero.testsuite.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

import org.confero.protocol.media.MediaBinding;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.media.Stun;
import org.confero.protocol.media.StunMessage;

/**
 * A test participant's UDP media connection: the binding handshake as a client performs it (request, challenge with a
 * nonce, request echoing the nonce, success), then RTP both ways. Consent checks from the relay are answered while
 * waiting for media.
 */
public final class UdpMediaClient implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress relay;
    private final MediaCredentials credentials;
    private final MediaType mediaType;
    private final SecureRandom random = new SecureRandom();

    public UdpMediaClient(InetSocketAddress relay, MediaCredentials credentials, MediaType mediaType)
            throws IOException {
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.socket.setSoTimeout(2000);
        this.relay = relay;
        this.credentials = credentials;
        this.mediaType = mediaType;
    }

    /** Runs the handshake; returns the address the relay saw us at. */
    public InetSocketAddress bind() throws IOException {
        StunMessage challenge = exchange(Optional.empty());
        String nonce = challenge.stringAttribute(Stun.ATTR_NONCE)
                .orElseThrow(() -> new IOException("challenge without a nonce"));
        StunMessage success = exchange(Optional.of(nonce));
        if (success.type() != Stun.BINDING_SUCCESS) {
            throw new IOException("binding refused: " + success.errorCode());
        }
        return success.xorMappedAddress().orElseThrow(() -> new IOException("success without a mapped address"));
    }

    public void send(byte[] rtp) throws IOException {
        socket.send(new DatagramPacket(rtp, rtp.length, relay));
    }

    /** The next RTP/RTCP packet, answering consent checks on the way; empty when nothing came in time. */
    public Optional<byte[]> receiveMedia(int timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        byte[] buffer = new byte[2048];
        while (true) {
            int remaining = (int) (deadline - System.currentTimeMillis());
            if (remaining <= 0) {
                return Optional.empty();
            }
            socket.setSoTimeout(remaining);
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
            Optional<StunMessage> stun = StunMessage.parse(data, 0, data.length);
            if (stun.isPresent()) {
                if (stun.get().isBindingRequest() && stun.get().verifyIntegrity(credentials.integrityKey())) {
                    byte[] answer = MediaBinding.consentResponse(stun.get(), relay, credentials.integrityKey());
                    socket.send(new DatagramPacket(answer, answer.length, relay));
                }
                continue;
            }
            return Optional.of(data);
        }
    }

    private StunMessage exchange(Optional<String> nonce) throws IOException {
        byte[] transaction = MediaBinding.newTransactionId(random);
        byte[] request = MediaBinding.request(credentials, mediaType, nonce, transaction);
        socket.send(new DatagramPacket(request, request.length, relay));
        byte[] buffer = new byte[2048];
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new java.net.SocketTimeoutException("no answer to the binding request within 2 s");
            }
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            socket.setSoTimeout((int) left);
            socket.receive(answer);
            Optional<StunMessage> parsed = StunMessage.parse(buffer, 0, answer.getLength());
            if (parsed.isEmpty() || !parsed.get().hasTransactionId(transaction)) {
                // Not ours: e.g. the relay's consent check meant for an earlier test's client that had this same
                // ephemeral port and is still bound for a few seconds.
                continue;
            }
            StunMessage message = parsed.get();
            if (!message.verifyIntegrity(credentials.integrityKey())) {
                throw new IOException("the answer to the binding request fails integrity");
            }
            return message;
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
