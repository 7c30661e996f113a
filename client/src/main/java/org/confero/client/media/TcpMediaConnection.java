package org.confero.client.media;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.media.MediaBinding;
import org.confero.protocol.media.PacketKind;
import org.confero.protocol.media.Stun;
import org.confero.protocol.media.StunMessage;

/**
 * Media over TCP to the relay's media port, every packet framed per RFC 4571, the binding handshake first. The relay
 * keeps a TCP binding as long as the connection (no consent checks), so the reader only queues media.
 */
final class TcpMediaConnection extends QueuedMediaConnection {

    private static final Duration READ_SLICE = Duration.ofSeconds(1);

    private final Socket socket;
    private final FramedStream stream;
    private final MediaCredentials credentials;
    private final MediaType mediaType;
    private final SecureRandom random;
    private final PathRoundTrip roundTrip = new PathRoundTrip();

    private TcpMediaConnection(Socket socket, MediaCredentials credentials, MediaType mediaType, SecureRandom random)
            throws IOException {
        this.socket = socket;
        this.credentials = credentials;
        this.mediaType = mediaType;
        this.random = random;
        this.stream = new FramedStream(socket.getInputStream(), new BufferedOutputStream(socket.getOutputStream()),
                millis -> setTimeout(socket, millis));
    }

    static TcpMediaConnection open(InetSocketAddress relay, MediaCredentials credentials, MediaType mediaType, int dscp,
            Duration timeout, SecureRandom random, DialAttempt attempt) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Socket socket = new Socket();
        try {
            attempt.guard(socket);
            socket.setTrafficClass(dscp << 2);
            // Real-time packets must not wait for Nagle to fill a segment.
            socket.setTcpNoDelay(true);
            socket.connect(relay, (int) Math.max(1, timeout.toMillis()));
            TcpMediaConnection connection = new TcpMediaConnection(socket, credentials, mediaType, random);
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            new BindingHandshake(random).bind(connection.handshakeChannel(), credentials, mediaType, left,
                    Optional.empty(), attempt);
            attempt.checkNotCancelled();
            ReaderThreads.start(connection::readLoop, "tcp", mediaType);
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
                stream.write(packet);
            }

            @Override
            public Optional<byte[]> receive(long deadlineNanos) throws IOException {
                long remaining = deadlineNanos - System.nanoTime();
                Optional<byte[]> frame = remaining <= 0 ? Optional.empty() : stream.read(Duration.ofNanos(remaining));
                if (frame.isPresent() && frame.get().length > 0
                        && PacketKind.of(frame.get()[0]) == PacketKind.RTP_RTCP) {
                    // Media the relay forwarded as soon as it bound us, ahead of its answer: kept, not dropped.
                    inbound.offer(frame.get());
                    return Optional.empty();
                }
                return frame;
            }
        };
    }

    private void readLoop() {
        try {
            while (open) {
                Optional<byte[]> packet = stream.read(READ_SLICE);
                if (packet.isEmpty() || packet.get().length == 0) {
                    continue;
                }
                switch (PacketKind.of(packet.get()[0])) {
                case RTP_RTCP -> inbound.offer(packet.get());
                case STUN -> probeAnswered(packet.get(), System.nanoTime());
                default -> {
                    // RFC 7983: nothing else is spoken here.
                }
                }
            }
        } catch (IOException e) {
            // Peer closed or socket closed by close(): the connection is over.
        } finally {
            open = false;
        }
    }

    private void probeAnswered(byte[] frame, long arrivalNanos) {
        Optional<StunMessage> answer = StunMessage.parse(frame, 0, frame.length);
        if (answer.isPresent() && answer.get().type() == Stun.BINDING_SUCCESS
                && answer.get().verifyIntegrity(credentials.integrityKey())) {
            roundTrip.answered(answer.get().transactionId(), arrivalNanos);
        }
    }

    /** Issue 22: a binding request on the bound connection, which the relay answers on it. */
    @Override
    public void probeRoundTrip() {
        if (!open) {
            return;
        }
        StunRoundTripProbe.send(roundTrip, credentials, mediaType, random, stream::write);
    }

    @Override
    public java.util.OptionalDouble roundTripMillis() {
        return roundTrip.lastMillis();
    }

    private static void setTimeout(Socket socket, int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (SocketException e) {
            // The socket is closed; the read that follows fails and ends the connection.
        }
    }

    @Override
    public Transport transport() {
        return Transport.TCP;
    }

    @Override
    public void send(byte[] rtp) throws IOException {
        ensureOpen();
        stream.write(rtp);
    }

    @Override
    public void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException e) {
            // Closing anyway; nothing left to release.
        }
    }
}
