package org.confero.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.confero.protocol.media.MediaBinding;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.media.PacketKind;
import org.confero.protocol.media.Stun;
import org.confero.protocol.media.StunMessage;

/** A client's UDP media connection as the client library will implement it, on a blocking loopback socket. */
final class UdpMediaClient implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    final DatagramSocket socket;
    final InetSocketAddress relay;
    volatile boolean answerConsent = true;
    final AtomicInteger consentChecks = new AtomicInteger();
    private MediaCredentials credentials;
    private final byte[] buffer = new byte[65536];

    UdpMediaClient(InetSocketAddress relay) {
        this.relay = relay;
        try {
            socket = new DatagramSocket(new InetSocketAddress(RelayTestSupport.loopback(), 0));
            socket.setSoTimeout(20);
            socket.setReceiveBufferSize(1 << 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Steps 1-4 of the handshake; returns the relay's success response. */
    StunMessage bind(MediaCredentials credentials, MediaType type) {
        this.credentials = credentials;
        StunMessage challenge = roundTrip(MediaBinding.request(credentials, type, Optional.empty(), id()))
                .orElseThrow(() -> new AssertionError("no challenge"));
        assertThat(challenge.errorCode()).contains(Stun.ERROR_UNAUTHENTICATED);
        assertThat(challenge.verifyIntegrity(credentials.integrityKey())).isTrue();
        String nonce = challenge.stringAttribute(Stun.ATTR_NONCE).orElseThrow();
        StunMessage success = roundTrip(MediaBinding.request(credentials, type, Optional.of(nonce), id()))
                .orElseThrow(() -> new AssertionError("no binding success"));
        assertThat(success.type()).isEqualTo(Stun.BINDING_SUCCESS);
        assertThat(success.verifyIntegrity(credentials.integrityKey())).isTrue();
        assertThat(success.xorMappedAddress()).contains(address());
        return success;
    }

    static byte[] id() {
        return MediaBinding.newTransactionId(RANDOM);
    }

    /** Sends a STUN request and waits for the answer with its transaction id. */
    Optional<StunMessage> roundTrip(byte[] request) {
        return roundTrip(request, Duration.ofSeconds(2));
    }

    Optional<StunMessage> roundTrip(byte[] request, Duration timeout) {
        send(request);
        byte[] id = Arrays.copyOfRange(request, 8, 20);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<byte[]> received = receiveRaw();
            if (received.isPresent() && PacketKind.of(received.get()[0]) == PacketKind.STUN) {
                Optional<StunMessage> message = StunMessage.parse(received.get(), 0, received.get().length);
                if (message.isPresent() && message.get().hasTransactionId(id)) {
                    return message;
                }
            }
        }
        return Optional.empty();
    }

    void send(byte[] packet) {
        try {
            socket.send(new DatagramPacket(packet, packet.length, relay));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Next RTP/RTCP packet within the timeout, answering consent checks meanwhile if told to. */
    Optional<byte[]> receiveMedia(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<byte[]> received = receiveRaw();
            if (received.isEmpty()) {
                continue;
            }
            byte[] packet = received.get();
            if (PacketKind.of(packet[0]) == PacketKind.RTP_RTCP) {
                return received;
            }
            handleStun(packet);
        }
        return Optional.empty();
    }

    List<byte[]> receiveMedia(int count, Duration timeout) {
        List<byte[]> packets = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (packets.size() < count && System.nanoTime() < deadline) {
            receiveMedia(Duration.ofMillis(50)).ifPresent(packets::add);
        }
        return packets;
    }

    /** Reads for a while answering consent checks (or not), discarding media. */
    void serviceFor(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            receiveRaw().filter(p -> PacketKind.of(p[0]) == PacketKind.STUN).ifPresent(this::handleStun);
        }
    }

    private void handleStun(byte[] packet) {
        Optional<StunMessage> message = StunMessage.parse(packet, 0, packet.length);
        if (message.isPresent() && message.get().isBindingRequest()) {
            consentChecks.incrementAndGet();
            // A client answers only checks that carry the relay's integrity (RFC 7675 section 5.1).
            if (answerConsent && credentials != null && message.get().verifyIntegrity(credentials.integrityKey())) {
                send(MediaBinding.consentResponse(message.get(), relay, credentials.integrityKey()));
            }
        }
    }

    Optional<byte[]> receiveRaw() {
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(datagram);
            return Optional.of(Arrays.copyOf(datagram.getData(), datagram.getLength()));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
