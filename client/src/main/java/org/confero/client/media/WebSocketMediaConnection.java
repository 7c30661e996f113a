package org.confero.client.media;

import jakarta.json.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.confero.client.http.JsonBodies;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;

/**
 * Media over a WebSocket (TLS on 443 in production): the first text frame carries the credentials, the relay answers
 * {@code {"type":"bound",…}}, then every binary frame is one RTP/RTCP packet both ways. Goes through the HTTP client's
 * proxy, which is why it is the only media transport used when a proxy is configured.
 */
final class WebSocketMediaConnection implements MediaConnection {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

    private final InboundQueue inbound = new InboundQueue();
    private final CompletableFuture<String> firstText = new CompletableFuture<>();
    private volatile WebSocket socket;
    private volatile boolean open = true;

    private WebSocketMediaConnection() {
    }

    static WebSocketMediaConnection open(HttpClient http, URI url, MediaCredentials credentials, MediaType mediaType,
            Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        WebSocketMediaConnection connection = new WebSocketMediaConnection();
        try {
            connection.socket = http.newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(url, connection.new Receiver()).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            String hello = Json.createObjectBuilder().add("token", credentials.token())
                    .add("password", credentials.password()).build().toString();
            connection.socket.sendText(hello, true).get(remaining(deadline), TimeUnit.NANOSECONDS);
            String answer = connection.firstText.get(remaining(deadline), TimeUnit.NANOSECONDS);
            String type = JsonBodies.parse(answer).getString("type", "");
            if (!"bound".equals(type)) {
                throw new IOException("WebSocket media for " + mediaType + " not bound: " + answer);
            }
            return connection;
        } catch (ExecutionException e) {
            connection.close();
            throw new IOException("WebSocket media failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            connection.close();
            throw new IOException("WebSocket media not bound within " + timeout.toMillis() + " ms", e);
        } catch (IOException | RuntimeException | InterruptedException e) {
            connection.close();
            throw e;
        }
    }

    private static long remaining(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }

    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                firstText.complete(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] piece = new byte[data.remaining()];
            data.get(piece);
            binary.writeBytes(piece);
            if (last) {
                inbound.offer(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            open = false;
            firstText.completeExceptionally(new IOException("closed by the relay: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            open = false;
            firstText.completeExceptionally(error);
        }
    }

    @Override
    public Transport transport() {
        return Transport.WEBSOCKET;
    }

    /** One frame at a time: java.net.http refuses a send while the previous one is still in flight. */
    @Override
    public synchronized void send(byte[] rtp) throws IOException {
        if (!open || socket == null) {
            throw new SocketException("media connection closed");
        }
        try {
            socket.sendBinary(ByteBuffer.wrap(rtp), true).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("WebSocket send failed", e);
        }
    }

    @Override
    public Optional<byte[]> receive(Duration timeout) throws InterruptedException {
        return inbound.poll(timeout);
    }

    @Override
    public void deliverTo(java.util.function.Consumer<byte[]> receiver) {
        inbound.deliverTo(receiver);
    }

    @Override
    public boolean isOpen() {
        return open && socket != null && !socket.isOutputClosed();
    }

    @Override
    public void close() {
        open = false;
        WebSocket s = socket;
        if (s != null) {
            // Abort rather than a close handshake: nothing is left to say, and abort never waits for the peer.
            s.abort();
        }
    }
}
