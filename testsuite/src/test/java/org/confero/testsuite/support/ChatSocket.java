package org.confero.testsuite.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A chat WebSocket for tests: connects, says hello with a ticket, keeps every event it receives, and waits (bounded)
 * for the first event that matches.
 */
public final class ChatSocket implements AutoCloseable {

    private final List<JsonObject> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private ChatSocket(HttpClient client, URI uri) throws Exception {
        socket = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, new Listener())
                .get(15, TimeUnit.SECONDS);
    }

    /** Opens {@code uri} without saying anything yet. */
    public static ChatSocket open(HttpClient client, URI uri) throws Exception {
        return new ChatSocket(client, uri);
    }

    public void send(String json) throws Exception {
        socket.sendText(json, true).get(10, TimeUnit.SECONDS);
    }

    public void send(JsonObject json) throws Exception {
        send(json.toString());
    }

    /** The first event (since the start) matching {@code what}, waiting up to {@code timeout}. */
    public JsonObject await(Predicate<JsonObject> what, Duration timeout, String description) throws Exception {
        return awaitSince(0, what, timeout, description);
    }

    /** How many events have arrived so far: a mark for {@link #awaitSince}. */
    public int mark() {
        return events.size();
    }

    /** The first event after the {@code mark}-th matching {@code what}, waiting up to {@code timeout}. */
    public JsonObject awaitSince(int mark, Predicate<JsonObject> what, Duration timeout, String description)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonObject> seen = events;
            for (int i = mark; i < seen.size(); i++) {
                if (what.test(seen.get(i))) {
                    return seen.get(i);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + description + " within " + timeout + "; events: " + events);
    }

    public static Predicate<JsonObject> type(String type) {
        return event -> type.equals(event.getString("type", ""));
    }

    public List<JsonObject> events() {
        return List.copyOf(events);
    }

    /** The close code, once the server has closed the connection. */
    public int awaitClosed(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
                    .join();
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try (JsonReader reader = Json.createReader(new StringReader(partial.toString()))) {
                    events.add(reader.readObject());
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
