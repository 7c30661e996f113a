package org.confero.client.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FramedStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    @Test
    void framesAreLengthPrefixedBigEndian() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FramedStream(InputStream.nullInputStream(), out, t -> {
        }).write(new byte[300]);

        byte[] wire = out.toByteArray();
        assertThat(wire).hasSize(302);
        assertThat(wire[0]).isEqualTo((byte) 0x01);
        assertThat(wire[1]).isEqualTo((byte) 0x2C);
    }

    @Test
    void coalescedFramesComeOutOneByOneThenEndOfStream() throws Exception {
        byte[] wire = { 0, 2, (byte) 0x80, 1, 0, 3, (byte) 0x80, 2, 3 };
        FramedStream stream = new FramedStream(new ByteArrayInputStream(wire), OutputStream.nullOutputStream(), t -> {
        });

        assertThat(stream.read(WAIT)).hasValue(new byte[] { (byte) 0x80, 1 });
        assertThat(stream.read(WAIT)).hasValue(new byte[] { (byte) 0x80, 2, 3 });
        assertThatThrownBy(() -> stream.read(WAIT)).isInstanceOf(EOFException.class);
    }

    @Test
    @Timeout(10)
    void aFrameSplitAcrossWritesOverASocketPairSurvivesAReadTimeout() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                Socket server = listener.accept()) {
            FramedStream receiver = new FramedStream(server.getInputStream(), server.getOutputStream(),
                    millis -> setTimeout(server, millis));
            OutputStream raw = client.getOutputStream();

            raw.write(new byte[] { 0, 4, (byte) 0x80, 9 });
            raw.flush();
            assertThat(receiver.read(Duration.ofMillis(200))).as("half a frame is not a packet").isEmpty();
            raw.write(new byte[] { 8, 7 });
            raw.flush();
            assertThat(receiver.read(WAIT)).hasValue(new byte[] { (byte) 0x80, 9, 8, 7 });

            FramedStream sender = new FramedStream(client.getInputStream(), raw, millis -> setTimeout(client, millis));
            sender.write(new byte[] { (byte) 0x81, 1 });
            sender.write(new byte[] { (byte) 0x82, 2 });
            assertThat(receiver.read(WAIT)).hasValue(new byte[] { (byte) 0x81, 1 });
            assertThat(receiver.read(WAIT)).hasValue(new byte[] { (byte) 0x82, 2 });
        }
    }

    private static void setTimeout(Socket socket, int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (java.net.SocketException e) {
            throw new IllegalStateException(e);
        }
    }
}
