package org.confero.testsuite.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.confero.protocol.media.MediaCredentials;

/** A test participant's media connection over WebSocket: credentials in the first text frame, then RTP frames. */
public final class WebSocketMediaClient implements AutoCloseable {

    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> packets = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    public WebSocketMediaClient(URI endpoint) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(endpoint, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();
            private ByteBuffer binary = ByteBuffer.allocate(0);

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    texts.add(text.toString());
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
                joined.put(binary).put(data).flip();
                binary = joined;
                if (last) {
                    byte[] packet = new byte[binary.remaining()];
                    binary.get(packet);
                    packets.add(packet);
                    binary = ByteBuffer.allocate(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closes.add(statusCode);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
    }

    /** Sends the credentials and returns the server's answer (the "bound" message), if any came in time. */
    public Optional<String> authenticate(MediaCredentials credentials) throws Exception {
        socket.sendText("{\"token\":\"" + credentials.token() + "\",\"password\":\"" + credentials.password() + "\"}",
                true).get(5, TimeUnit.SECONDS);
        return Optional.ofNullable(texts.poll(5, TimeUnit.SECONDS));
    }

    public void send(byte[] packet) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(packet), true).get(5, TimeUnit.SECONDS);
    }

    public Optional<byte[]> receive(long timeoutMillis) throws InterruptedException {
        return Optional.ofNullable(packets.poll(timeoutMillis, TimeUnit.MILLISECONDS));
    }

    /** The close code the server sent, if it closed within the time. */
    public Optional<Integer> closedWith(long timeoutMillis) throws InterruptedException {
        return Optional.ofNullable(closes.poll(timeoutMillis, TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        socket.abort();
    }
}
