package org.confero.testsuite.tunnel;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;

/** A test's tunnel connection as the client library would hold it: JSON text messages and id-tagged binary frames. */
final class TunnelClient implements AutoCloseable {

    private static final long WAIT_SECONDS = 15;

    private final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    TunnelClient(URI endpoint, SSLContext tls) throws Exception {
        socket = HttpClient.newBuilder().sslContext(tls).build().newWebSocketBuilder()
                .buildAsync(endpoint, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();
                    private ByteBuffer binary = ByteBuffer.allocate(0);

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            try (var reader = Json.createReader(new StringReader(text.toString()))) {
                                messages.add(reader.readObject());
                            }
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
                            byte[] frame = new byte[binary.remaining()];
                            binary.get(frame);
                            frames.add(frame);
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
                }).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    void send(JsonObject message) throws Exception {
        socket.sendText(message.toString(), true).get(5, TimeUnit.SECONDS);
    }

    void send(String text) throws Exception {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    void sendFrame(int channel, byte[] payload) throws Exception {
        ByteBuffer frame = ByteBuffer.allocate(4 + payload.length).putInt(channel).put(payload).flip();
        socket.sendBinary(frame, true).get(5, TimeUnit.SECONDS);
    }

    /** The next message matching {@code wanted}, skipping others; fails after 15 s. */
    JsonObject await(Predicate<JsonObject> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        List<JsonObject> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            JsonObject next = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next != null && wanted.test(next)) {
                return next;
            }
            if (next != null) {
                skipped.add(next);
            }
        }
        throw new AssertionError("no " + what + " within " + WAIT_SECONDS + " s; skipped " + skipped);
    }

    /** The next message of this type about this id (request or channel). */
    JsonObject await(String type, int id) throws InterruptedException {
        return await(m -> type.equals(m.getString("type", null)) && m.getInt("id", -1) == id,
                "'" + type + "' for id " + id);
    }

    JsonObject await(String type) throws InterruptedException {
        return await(m -> type.equals(m.getString("type", null)), "'" + type + "'");
    }

    /** The payload of the next binary frame of this channel, if one came in time. */
    Optional<byte[]> frame(int channel, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            byte[] frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame != null && frame.length >= 4 && ByteBuffer.wrap(frame).getInt() == channel) {
                byte[] payload = new byte[frame.length - 4];
                System.arraycopy(frame, 4, payload, 0, payload.length);
                return Optional.of(payload);
            }
        }
        return Optional.empty();
    }

    Optional<Integer> closedWith(long timeoutMillis) throws InterruptedException {
        return Optional.ofNullable(closes.poll(timeoutMillis, TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        socket.abort();
    }
}
