package org.confero.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import org.confero.protocol.media.MediaBinding;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.media.PacketKind;
import org.confero.protocol.media.Rfc4571;
import org.confero.protocol.media.Stun;
import org.confero.protocol.media.StunMessage;

/** A client's TCP media connection (RFC 4571 framing), blocking, on loopback. */
final class TcpMediaClient implements AutoCloseable {

    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    TcpMediaClient(InetSocketAddress relay, int receiveBuffer) {
        try {
            socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer); // before connect, so the window is small from the start
            }
            socket.connect(relay, 2000);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(50);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TcpMediaClient(InetSocketAddress relay) {
        this(relay, 0);
    }

    StunMessage bind(MediaCredentials credentials, MediaType type) {
        StunMessage challenge = roundTrip(
                MediaBinding.request(credentials, type, Optional.empty(), UdpMediaClient.id()));
        assertThat(challenge.errorCode()).contains(Stun.ERROR_UNAUTHENTICATED);
        String nonce = challenge.stringAttribute(Stun.ATTR_NONCE).orElseThrow();
        StunMessage success = roundTrip(
                MediaBinding.request(credentials, type, Optional.of(nonce), UdpMediaClient.id()));
        assertThat(success.type()).isEqualTo(Stun.BINDING_SUCCESS);
        assertThat(success.verifyIntegrity(credentials.integrityKey())).isTrue();
        return success;
    }

    StunMessage roundTrip(byte[] request) {
        sendFrame(request);
        byte[] id = Arrays.copyOfRange(request, 8, 20);
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<byte[]> frame = receiveFrame(Duration.ofMillis(100));
            if (frame.isPresent() && PacketKind.of(frame.get()[0]) == PacketKind.STUN) {
                Optional<StunMessage> message = StunMessage.parse(frame.get(), 0, frame.get().length);
                if (message.isPresent() && message.get().hasTransactionId(id)) {
                    return message.get();
                }
            }
        }
        throw new AssertionError("no STUN answer on TCP");
    }

    void sendFrame(byte[] packet) {
        sendRaw(Rfc4571.frame(packet));
    }

    void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next frame within the timeout. */
    Optional<byte[]> receiveFrame(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                int length = in.readUnsignedShort();
                byte[] frame = new byte[length];
                // Once a header arrived the rest follows promptly; read it out whatever the soTimeout says.
                int read = 0;
                long frameDeadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (read < length && System.nanoTime() < frameDeadline) {
                    try {
                        int n = in.read(frame, read, length - read);
                        if (n < 0) {
                            throw new EOFException();
                        }
                        read += n;
                    } catch (SocketTimeoutException e) {
                        // keep reading until the frame deadline
                    }
                }
                return Optional.of(frame);
            } catch (SocketTimeoutException e) {
                // poll again until the deadline
            } catch (EOFException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.empty();
    }

    Optional<byte[]> receiveMedia(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<byte[]> frame = receiveFrame(Duration.ofMillis(50));
            if (frame.isPresent() && frame.get().length > 0 && PacketKind.of(frame.get()[0]) == PacketKind.RTP_RTCP) {
                return frame;
            }
        }
        return Optional.empty();
    }

    /** Whether the relay closed the connection (read returns end of stream) within the timeout. */
    boolean closedByPeer(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (in.read() < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                // still open
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a test socket
        }
    }
}
