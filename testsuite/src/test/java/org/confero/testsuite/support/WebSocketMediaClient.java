package org.confero.testsuite.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.confero.protocol.media.MediaCredentials;

/** A test participant's media connection over WebSocket: credentials in the first text frame, then RTP frames. */
public final class WebSocketMediaClient implements AutoCloseable {

    private final CollectingListener received = new CollectingListener();
    private final WebSocket socket;

    public WebSocketMediaClient(URI endpoint) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(endpoint, received).get(10,
                TimeUnit.SECONDS);
    }

    /** Sends the credentials and returns the server's answer (the "bound" message), if any came in time. */
    public Optional<String> authenticate(MediaCredentials credentials) throws Exception {
        socket.sendText("{\"token\":\"" + credentials.token() + "\",\"password\":\"" + credentials.password() + "\"}",
                true).get(5, TimeUnit.SECONDS);
        return Optional.ofNullable(received.texts.poll(5, TimeUnit.SECONDS));
    }

    public void send(byte[] packet) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(packet), true).get(5, TimeUnit.SECONDS);
    }

    public Optional<byte[]> receive(long timeoutMillis) throws InterruptedException {
        return Optional.ofNullable(received.binaries.poll(timeoutMillis, TimeUnit.MILLISECONDS));
    }

    /** The close code the server sent, if it closed within the time. */
    public Optional<Integer> closedWith(long timeoutMillis) throws InterruptedException {
        return Optional.ofNullable(received.closes.poll(timeoutMillis, TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        socket.abort();
    }
}
