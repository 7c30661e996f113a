package org.confero.client.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.confero.protocol.media.MediaBinding;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.media.PacketKind;
import org.confero.protocol.media.Stun;
import org.confero.protocol.media.StunMessage;

/**
 * Media over UDP to the relay. The socket is connected to the relay, so datagrams from anyone else never reach us and
 * an ICMP port unreachable fails the handshake early. After binding, a reader thread answers the relay's consent checks
 * (RFC 7675: unanswered for 30 s, the relay unbinds us) and queues RTP for {@link #receive}.
 */
final class UdpMediaConnection extends QueuedMediaConnection {

    private static final int MAX_DATAGRAM = 2048;
    private static final Duration RETRANSMIT = Duration.ofMillis(500);
    /** How often the reader wakes up to notice {@link #close()}; the socket close wakes it anyway. */
    private static final int READ_TIMEOUT_MILLIS = 1000;

    private final DatagramSocket socket;
    private final InetSocketAddress relay;
    private final MediaCredentials credentials;
    private final MediaType mediaType;
    private final SecureRandom random;
    private final PathRoundTrip roundTrip = new PathRoundTrip();

    private UdpMediaConnection(DatagramSocket socket, InetSocketAddress relay, MediaCredentials credentials,
            MediaType mediaType, SecureRandom random) {
        this.socket = socket;
        this.relay = relay;
        this.credentials = credentials;
        this.mediaType = mediaType;
        this.random = random;
    }

    /** Binds within {@code timeout} or fails; the socket's packets carry {@code dscp} in their TOS byte. */
    static UdpMediaConnection open(InetSocketAddress relay, MediaCredentials credentials, MediaType mediaType, int dscp,
            Duration timeout, SecureRandom random, DialAttempt attempt) throws IOException {
        DatagramSocket socket = new DatagramSocket();
        try {
            attempt.guard(socket);
            // DSCP is the upper six bits of the TOS / traffic class byte; the OS may ignore it without privileges.
            socket.setTrafficClass(dscp << 2);
            socket.connect(relay);
            UdpMediaConnection connection = new UdpMediaConnection(socket, relay, credentials, mediaType, random);
            new BindingHandshake(random).bind(connection.handshakeChannel(), credentials, mediaType, timeout,
                    Optional.of(RETRANSMIT), attempt);
            attempt.checkNotCancelled();
            ReaderThreads.start(connection::readLoop, "udp", mediaType);
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private PacketChannel handshakeChannel() {
        return new PacketChannel() {
            @Override
            public void send(byte[] packet) throws IOException {
                socket.send(new DatagramPacket(packet, packet.length));
            }

            @Override
            public Optional<byte[]> receive(long deadlineNanos) throws IOException {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                if (remaining <= 0) {
                    return Optional.empty();
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remaining));
                byte[] buffer = new byte[MAX_DATAGRAM];
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    return Optional.empty();
                }
                byte[] received = Arrays.copyOf(buffer, packet.getLength());
                if (received.length > 0 && PacketKind.of(received[0]) == PacketKind.RTP_RTCP) {
                    // The relay forwards to us from the moment it bound us, which may be just before its answer
                    // reaches us: this is media, not to be lost (the UDP upgrade counts on it).
                    inbound.offer(received);
                    return Optional.empty();
                }
                return Optional.of(received);
            }
        };
    }

    private void readLoop() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            while (open) {
                packet.setLength(buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (packet.getLength() == 0) {
                    continue;
                }
                switch (PacketKind.of(buffer[0])) {
                case RTP_RTCP -> inbound.offer(Arrays.copyOf(buffer, packet.getLength()));
                case STUN -> onStun(buffer, packet.getLength(), System.nanoTime());
                default -> {
                    // RFC 7983: nothing else is spoken here.
                }
                }
            }
        } catch (IOException e) {
            // Socket closed (by close() or the OS): the connection is over.
        } finally {
            open = false;
        }
    }

    /** The relay's consent checks are answered; its answer to our round-trip probe is timed. */
    private void onStun(byte[] buffer, int length, long arrivalNanos) throws IOException {
        Optional<StunMessage> message = StunMessage.parse(buffer, 0, length);
        if (message.isEmpty() || !message.get().verifyIntegrity(credentials.integrityKey())) {
            return;
        }
        if (message.get().isBindingRequest()) {
            byte[] answer = MediaBinding.consentResponse(message.get(), relay, credentials.integrityKey());
            socket.send(new DatagramPacket(answer, answer.length));
        } else if (message.get().type() == Stun.BINDING_SUCCESS) {
            roundTrip.answered(message.get().transactionId(), arrivalNanos);
        }
    }

    /** Issue 22: a binding request on the bound path, which the relay answers on this path (its keep-alive). */
    @Override
    public void probeRoundTrip() {
        if (!open) {
            return;
        }
        StunRoundTripProbe.send(roundTrip, credentials, mediaType, random,
                probe -> socket.send(new DatagramPacket(probe, probe.length)));
    }

    @Override
    public java.util.OptionalDouble roundTripMillis() {
        return roundTrip.lastMillis();
    }

    @Override
    public Transport transport() {
        return Transport.UDP;
    }

    @Override
    public void send(byte[] rtp) throws IOException {
        ensureOpen();
        socket.send(new DatagramPacket(rtp, rtp.length));
    }

    @Override
    public void close() {
        open = false;
        socket.close();
    }
}
