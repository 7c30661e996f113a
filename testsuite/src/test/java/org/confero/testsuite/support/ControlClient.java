package org.confero.testsuite.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test participant's control channel: sends JSON messages, waits for the ones it expects. */
public final class ControlClient implements AutoCloseable {

    private final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    public ControlClient(URI endpoint) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(endpoint, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

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
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closes.add(statusCode);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
    }

    public void send(String json) throws Exception {
        socket.sendText(json, true).get(5, TimeUnit.SECONDS);
    }

    /** The next message matching {@code wanted}, skipping others; fails after 5 s. */
    public JsonObject await(Predicate<JsonObject> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        java.util.List<JsonObject> skipped = new java.util.ArrayList<>();
        while (System.nanoTime() < deadline) {
            JsonObject next = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next != null && wanted.test(next)) {
                return next;
            }
            if (next != null) {
                skipped.add(next);
            }
        }
        throw new AssertionError("no " + what + " within 5 s; skipped " + skipped);
    }

    public JsonObject await(String type) throws InterruptedException {
        return await(m -> type.equals(m.getString("type", null)), "'" + type + "' message");
    }

    /** A roster event of this kind about this participant. */
    public JsonObject awaitRoster(String event, String participantId) throws InterruptedException {
        return await(
                m -> "roster".equals(m.getString("type", null)) && event.equals(m.getString("event", null))
                        && participantId.equals(m.getJsonObject("participant").getString("id")),
                "roster " + event + " of " + participantId);
    }

    public boolean closedWithin(long millis) throws InterruptedException {
        return closes.poll(millis, TimeUnit.MILLISECONDS) != null;
    }

    /** Drops the connection without a leave, like a lost network. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
