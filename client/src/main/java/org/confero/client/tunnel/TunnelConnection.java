package org.confero.client.tunnel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.confero.client.http.JsonBodies;
import org.confero.client.ws.ChannelOpener;
import org.confero.client.ws.JdkWebSockets;
import org.confero.client.ws.MessageChannel;
import org.confero.client.ws.MessageListener;

/**
 * One WebSocket to a tunnel server ({@code wss://<tunnel>/tunnel/ws}) carrying, multiplexed, HTTP requests to zone
 * controllers and message channels to routers. The protocol (README, "HTTP tunnels"): {@code hello} with the join token
 * → {@code welcome}; {@code request}/{@code response} by id; {@code open}/{@code opened}, {@code text},
 * {@code close}/{@code closed} by channel id; binary messages are a 4-byte channel id and one packet.
 */
public final class TunnelConnection implements AutoCloseable {

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final Map<Integer, Channel> channels = new ConcurrentHashMap<>();
    private final CompletableFuture<JsonObject> welcome = new CompletableFuture<>();
    private final Object sendLock = new Object();
    private final Duration timeout;
    private volatile MessageChannel socket;
    private volatile boolean closed;

    private TunnelConnection(Duration timeout) {
        this.timeout = timeout;
    }

    /** Connects and says hello; returns once the tunnel welcomed us. */
    public static TunnelConnection open(HttpClient http, URI tunnelUrl, String joinToken, Duration timeout)
            throws IOException, InterruptedException {
        TunnelConnection tunnel = new TunnelConnection(timeout);
        URI ws = URI.create(tunnelUrl.toString().replaceFirst("^http", "ws").replaceFirst("/+$", "") + "/tunnel/ws");
        try {
            tunnel.socket = JdkWebSockets.opener(http).open(ws, timeout, tunnel.new Receiver()).get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            tunnel.sendText(Json.createObjectBuilder().add("type", "hello").add("joinToken", joinToken).build());
            JsonObject answer = tunnel.welcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!"welcome".equals(answer.getString("type", ""))) {
                throw new IOException("tunnel refused: " + answer);
            }
            return tunnel;
        } catch (ExecutionException e) {
            tunnel.close();
            throw new IOException("tunnel " + tunnelUrl + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            tunnel.close();
            throw new IOException("tunnel " + tunnelUrl + " did not welcome us within " + timeout.toMillis() + " ms");
        } catch (IOException | InterruptedException | RuntimeException e) {
            tunnel.close();
            throw e;
        }
    }

    /** An HTTP request to a zone controller, through the tunnel. */
    public TunnelResponse request(String method, URI url, String jsonBody) throws IOException, InterruptedException {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            JsonObjectBuilder request = Json.createObjectBuilder().add("type", "request").add("id", id)
                    .add("method", method).add("url", url.toString()).add("headers", Json.createObjectBuilder()
                            .add("Accept", "application/json").add("Content-Type", "application/json"));
            if (jsonBody != null) {
                request.add("body", jsonBody);
            }
            sendText(request.build());
            JsonObject response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if ("error".equals(response.getString("type", ""))) {
                throw new IOException("tunnel: " + response.getString("message", response.toString()));
            }
            JsonObject headers = response.containsKey("headers")
                    && response.get("headers").getValueType() == JsonValue.ValueType.OBJECT
                            ? response.getJsonObject("headers") : JsonValue.EMPTY_JSON_OBJECT;
            return new TunnelResponse(response.getInt("status", 502), headers.getString("Content-Type", ""),
                    response.getString("body", ""));
        } catch (ExecutionException e) {
            throw new IOException("tunnel request failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer through the tunnel within " + timeout.toMillis() + " ms");
        } finally {
            pending.remove(id);
        }
    }

    /** POSTs JSON and parses the 2xx answer, or throws the server's problem. */
    public JsonObject postJson(URI url, String body) throws IOException, InterruptedException {
        TunnelResponse r = request("POST", url, body);
        return JsonBodies.successOrProblem(r.status(), r.contentType(), r.body());
    }

    /** Opens message channels (control, media) through this tunnel. */
    public ChannelOpener opener() {
        return (url, openTimeout, listener) -> {
            int id = ids.incrementAndGet();
            Channel channel = new Channel(id, listener);
            channels.put(id, channel);
            try {
                sendText(Json.createObjectBuilder().add("type", "open").add("id", id).add("url", url.toString())
                        .build());
            } catch (IOException e) {
                channels.remove(id);
                return CompletableFuture.failedFuture(e);
            }
            return channel.opened.orTimeout(openTimeout.toMillis(), TimeUnit.MILLISECONDS).thenApply(x -> channel);
        };
    }

    public boolean isOpen() {
        MessageChannel s = socket;
        return !closed && s != null && s.isOpen();
    }

    private void sendText(JsonObject message) throws IOException {
        send(() -> socket.sendText(message.toString()));
    }

    private CompletableFuture<Void> sendBinary(int channel, ByteBuffer data) {
        ByteBuffer framed = ByteBuffer.allocate(4 + data.remaining()).putInt(channel).put(data).flip();
        try {
            send(() -> socket.sendBinary(framed));
            return CompletableFuture.completedFuture(null);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    // One send at a time on the tunnel's WebSocket, whichever channel it is for.
    private void send(java.util.function.Supplier<CompletableFuture<Void>> sending) throws IOException {
        if (socket == null || closed) {
            throw new IOException("tunnel closed");
        }
        synchronized (sendLock) {
            try {
                sending.get().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while sending through the tunnel", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("tunnel send failed", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        MessageChannel s = socket;
        if (s != null) {
            s.close();
        }
        ended(1001, "tunnel closed");
    }

    private void ended(int code, String reason) {
        welcome.completeExceptionally(new IOException("tunnel closed: " + code + " " + reason));
        pending.values().forEach(f -> f.completeExceptionally(new IOException("tunnel closed: " + reason)));
        for (Channel c : channels.values()) {
            c.ended(code, reason);
        }
        channels.clear();
    }

    private final class Receiver implements MessageListener {
        @Override
        public void onText(String text) {
            JsonObject message;
            try {
                message = JsonBodies.parse(text);
            } catch (IOException e) {
                return; // a tunnel speaks JSON objects only; a broken one is skipped
            }
            String type = message.getString("type", "");
            int id = message.getInt("id", -1);
            switch (type) {
            case "welcome":
                welcome.complete(message);
                break;
            case "response":
                complete(id, message);
                break;
            case "opened":
                Channel opened = channels.get(id);
                if (opened != null) {
                    opened.opened.complete(null);
                }
                break;
            case "text":
                Channel target = channels.get(id);
                if (target != null) {
                    target.listener.onText(message.getString("data", ""));
                }
                break;
            case "closed":
                Channel gone = channels.remove(id);
                if (gone != null) {
                    gone.ended(message.getInt("code", 1006), message.getString("reason", ""));
                }
                break;
            case "error":
                if (!welcome.isDone()) {
                    welcome.complete(message);
                } else if (id >= 0) {
                    complete(id, message);
                    Channel failed = channels.remove(id);
                    if (failed != null) {
                        failed.ended(1011, message.getString("message", "tunnel error"));
                    }
                }
                break;
            default:
                break;
            }
        }

        private void complete(int id, JsonObject message) {
            CompletableFuture<JsonObject> f = pending.get(id);
            if (f != null) {
                f.complete(message);
            }
        }

        @Override
        public void onBinary(byte[] data) {
            if (data.length < 4) {
                return;
            }
            Channel c = channels.get(ByteBuffer.wrap(data).getInt());
            if (c != null) {
                byte[] packet = new byte[data.length - 4];
                System.arraycopy(data, 4, packet, 0, packet.length);
                c.listener.onBinary(packet);
            }
        }

        @Override
        public void onClose(int code, String reason) {
            closed = true;
            ended(code, reason);
        }
    }

    /** One multiplexed channel: the router's control channel or one media type's WebSocket. */
    private final class Channel implements MessageChannel {
        private final int id;
        private final MessageListener listener;
        private final CompletableFuture<Void> opened = new CompletableFuture<>();
        private volatile boolean open = true;

        Channel(int id, MessageListener listener) {
            this.id = id;
            this.listener = listener;
        }

        @Override
        public CompletableFuture<Void> sendText(String text) {
            try {
                TunnelConnection.this.sendText(
                        Json.createObjectBuilder().add("type", "text").add("id", id).add("data", text).build());
                return CompletableFuture.completedFuture(null);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public CompletableFuture<Void> sendBinary(ByteBuffer data) {
            return TunnelConnection.this.sendBinary(id, data);
        }

        @Override
        public void close() {
            if (open && channels.remove(id) != null) {
                open = false;
                try {
                    TunnelConnection.this
                            .sendText(Json.createObjectBuilder().add("type", "close").add("id", id).build());
                } catch (IOException e) {
                    // The tunnel is gone already; so is the channel.
                }
            }
        }

        @Override
        public boolean isOpen() {
            return open && TunnelConnection.this.isOpen();
        }

        void ended(int code, String reason) {
            open = false;
            opened.completeExceptionally(new IOException("channel closed: " + code + " " + reason));
            listener.onClose(code, reason);
        }
    }
}
