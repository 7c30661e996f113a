package org.confero.testsuite.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test participant's control channel: sends JSON messages, waits for the ones it expects. */
public final class ControlClient implements AutoCloseable {

    private final CollectingListener received = new CollectingListener();
    private final WebSocket socket;

    public ControlClient(URI endpoint) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(endpoint, received).get(10,
                TimeUnit.SECONDS);
    }

    public void send(String json) throws Exception {
        socket.sendText(json, true).get(5, TimeUnit.SECONDS);
    }

    /** The next message matching {@code wanted}, skipping others; fails after 5 s. */
    public JsonObject await(Predicate<JsonObject> wanted, String what) throws InterruptedException {
        return json(CollectingListener.await(received.texts, text -> wanted.test(json(text)), 5, what));
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
        return received.closes.poll(millis, TimeUnit.MILLISECONDS) != null;
    }

    /** Drops the connection without a leave, like a lost network. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
