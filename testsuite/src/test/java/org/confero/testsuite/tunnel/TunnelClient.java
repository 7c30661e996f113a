package org.confero.testsuite.tunnel;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;

import org.confero.testsuite.support.CollectingListener;

/** A test's tunnel connection as the client library would hold it: JSON text messages and id-tagged binary frames. */
final class TunnelClient implements AutoCloseable {

    private static final long WAIT_SECONDS = 15;

    private final CollectingListener received = new CollectingListener();
    private final WebSocket socket;

    TunnelClient(URI endpoint, SSLContext tls) throws Exception {
        socket = HttpClient.newBuilder().sslContext(tls).build().newWebSocketBuilder().buildAsync(endpoint, received)
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    void send(JsonObject message) throws Exception {
        send(message.toString());
    }

    void send(String text) throws Exception {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    void sendFrame(int channel, byte[] payload) throws Exception {
        ByteBuffer frame = ByteBuffer.allocate(4 + payload.length).putInt(channel).put(payload).flip();
        socket.sendBinary(frame, true).get(5, TimeUnit.SECONDS);
    }

    /** The next text message matching {@code wanted}, skipping others; fails after 15 s. */
    JsonObject await(Predicate<JsonObject> wanted, String what) throws InterruptedException {
        String text = CollectingListener.await(received.texts, t -> wanted.test(json(t)), WAIT_SECONDS, what);
        return json(text);
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
            byte[] frame = received.binaries.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame != null && frame.length >= 4 && ByteBuffer.wrap(frame).getInt() == channel) {
                byte[] payload = new byte[frame.length - 4];
                System.arraycopy(frame, 4, payload, 0, payload.length);
                return Optional.of(payload);
            }
        }
        return Optional.empty();
    }

    Optional<Integer> closedWith(long timeoutMillis) throws InterruptedException {
        return Optional.ofNullable(received.closes.poll(timeoutMillis, TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        socket.abort();
    }

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
