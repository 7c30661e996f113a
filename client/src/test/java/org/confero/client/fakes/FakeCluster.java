package org.confero.client.fakes;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.confero.client.ws.ChannelOpener;
import org.confero.client.ws.MessageChannel;
import org.confero.client.ws.MessageListener;

/**
 * The routers of one cluster, in process, behind a {@link ChannelOpener}: enough of the control protocol for a client's
 * control session — join (into a waiting room, if the router has one), admit, remove, end, resume on any router,
 * numbered chat shared by the whole cluster, media credentials, ping. Each router issues its own media credentials,
 * numbered ({@code audio-mmr-1-1}, …), with {@code joined}, {@code admitted}, {@code resumed} and
 * {@code media-credentials}, to participants in the meeting only. A dead router refuses connections as a killed process
 * does. Everything a router says travels on one "wire" thread, in order, as a WebSocket delivers it.
 */
public final class FakeCluster implements ChannelOpener, AutoCloseable {

    private final ExecutorService wire = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-cluster-wire");
        t.setDaemon(true);
        return t;
    });
    private final Map<URI, Router> routers = new ConcurrentHashMap<>();
    /** The meeting's chat, as every router of the cluster knows it. */
    private final List<JsonObject> chatLog = new CopyOnWriteArrayList<>();

    public Router router(String name) {
        Router router = new Router(name, URI.create("ws://" + name + ".test/control"));
        routers.put(router.url, router);
        return router;
    }

    /** Someone in the meeting chats: numbered and sent to every connected client. */
    public void chat(String from, String text) {
        JsonObject chat = numbered(from, text);
        routers.values().forEach(r -> r.broadcast(chat));
    }

    /** Someone chats while our client has no connection: only a replay can bring it. */
    public void chatUnseen(String from, String text) {
        numbered(from, text);
    }

    private synchronized JsonObject numbered(String from, String text) {
        JsonObject chat = Json.createObjectBuilder().add("type", "chat").add("id", chatLog.size() + 1L)
                .add("name", from).add("text", text).build();
        chatLog.add(chat);
        return chat;
    }

    @Override
    public CompletableFuture<MessageChannel> open(URI url, Duration timeout, MessageListener listener) {
        Router router = routers.get(url);
        if (router == null || !router.alive || router.connectionsToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return CompletableFuture.failedFuture(new ConnectException("Connection refused"));
        }
        return CompletableFuture.supplyAsync(() -> router.accept(listener), wire);
    }

    @Override
    public void close() {
        wire.shutdownNow();
    }

    /** One router: what clients sent it, and ways to break it. */
    public final class Router {
        private final String name;
        private final URI url;
        private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
        private final List<JsonObject> received = new CopyOnWriteArrayList<>();
        private final AtomicInteger resumesToRefuse = new AtomicInteger();
        private final AtomicInteger connectionsToRefuse = new AtomicInteger();
        private final AtomicInteger grantsIssued = new AtomicInteger();
        private final List<String> audioTokens = new CopyOnWriteArrayList<>();
        private volatile boolean alive = true;
        private volatile boolean waitingRoom;
        private volatile Duration grantLifetime = Duration.ofMinutes(10);

        private Router(String name, URI url) {
            this.name = name;
            this.url = url;
        }

        public String name() {
            return name;
        }

        public URI url() {
            return url;
        }

        /** The messages of {@code type} clients sent this router, in order. */
        public List<JsonObject> received(String type) {
            return received.stream().filter(m -> type.equals(m.getString("type", ""))).toList();
        }

        /** Every message clients sent this router, in order. */
        public List<JsonObject> received() {
            return List.copyOf(received);
        }

        /** {@code kill -9}: the connections break, and new ones are refused. */
        public void kill() {
            alive = false;
            breakAll("Connection reset");
        }

        /** The connections drop; the router stays and takes resumes. */
        public void drop() {
            breakAll("connection dropped");
        }

        /** The connections of this moment only: a resume may already open the next one while these break. */
        private void breakAll(String why) {
            List.copyOf(channels).forEach(c -> c.breakOff(new IOException(why)));
        }

        /** The next {@code count} connections are refused, though the router lives (a network hiccup). */
        public void refuseConnections(int count) {
            connectionsToRefuse.set(count);
        }

        /** The next {@code count} resumes are answered {@code resume-failed}, as for a seat the router lost. */
        public void refuseResumes(int count) {
            resumesToRefuse.set(count);
        }

        /** Joins land in the waiting room ({@code waiting}, no credentials) until {@link #admitAll}. */
        public void useWaitingRoom(boolean on) {
            waitingRoom = on;
        }

        /** How long the credentials this router issues from now on are valid. */
        public void grantLifetime(Duration lifetime) {
            grantLifetime = lifetime;
        }

        /** A host admits everyone waiting here: {@code admitted}, with credentials. */
        public void admitAll() {
            channels.stream().filter(c -> c.waiting).forEach(c -> {
                c.waiting = false;
                c.deliver(granted(Json.createObjectBuilder().add("type", "admitted").add("participantId", "p1")
                        .add("sessionId", "s1").add("resumeToken", "r1").add("role", "attendee")));
            });
        }

        /** Issue 23: a host promotes or demotes everyone here in a webinar: {@code role}, with new credentials. */
        public void changeRole(String role) {
            channels.forEach(c -> {
                jakarta.json.JsonObjectBuilder message = Json.createObjectBuilder().add("type", "role")
                        .add("role", role).add("canSend", !"attendee".equals(role));
                if (!"attendee".equals(role)) {
                    message.add("stagePass", "pass-" + name); // a promotion's, as the server issues it
                }
                c.deliver(granted(message));
            });
        }

        /** A host removes everyone connected here: {@code removed}, then the router closes. */
        public void removeAll() {
            List.copyOf(channels).forEach(c -> {
                c.deliver(Json.createObjectBuilder().add("type", "removed").build());
                c.closeFromRouter(1000, "removed by the host");
            });
        }

        /** A host ends the meeting: {@code ended}, then the router closes. */
        public void end() {
            List.copyOf(channels).forEach(c -> {
                c.deliver(Json.createObjectBuilder().add("type", "ended").build());
                c.closeFromRouter(1000, "meeting ended");
            });
        }

        /** Client connections open at this router now. */
        public int connections() {
            return channels.size();
        }

        /** The audio tokens this router issued, in order. */
        public List<String> audioTokens() {
            return List.copyOf(audioTokens);
        }

        /** {@code message} with a fresh set of this router's credentials. */
        private JsonObject granted(jakarta.json.JsonObjectBuilder message) {
            int n = grantsIssued.incrementAndGet();
            audioTokens.add("audio-" + name + "-" + n);
            jakarta.json.JsonObjectBuilder media = Json.createObjectBuilder();
            for (String type : List.of("audio", "video", "content")) {
                media.add(type, Json.createObjectBuilder().add("token", type + "-" + name + "-" + n).add("password",
                        "pw-" + n));
            }
            return message.add("media", media).add("mediaExpires", Instant.now().plus(grantLifetime).toString())
                    .build();
        }

        private Channel accept(MessageListener listener) {
            Channel channel = new Channel(this, listener);
            channels.add(channel);
            return channel;
        }

        private void broadcast(JsonObject message) {
            channels.forEach(c -> c.deliver(message));
        }

        private void handle(Channel from, JsonObject message) {
            received.add(message);
            switch (message.getString("type", "")) {
            case "join" -> {
                jakarta.json.JsonObjectBuilder welcome = Json.createObjectBuilder().add("participantId", "p1")
                        .add("sessionId", "s1").add("resumeToken", "r1").add("role", "attendee");
                from.waiting = waitingRoom;
                from.deliver(
                        waitingRoom ? welcome.add("type", "waiting").build() : granted(welcome.add("type", "joined")));
            }
            case "resume" -> {
                if (resumesToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    from.deliver(Json.createObjectBuilder().add("type", "error").add("code", "resume-failed")
                            .add("message", "no such seat").build());
                } else {
                    from.deliver(granted(Json.createObjectBuilder().add("type", "resumed").add("participantId", "p1")
                            .add("sessionId", message.getString("sessionId")).add("resumeToken", "r1")));
                    // The harshest replay: the whole log, whatever lastChatId said; the client must filter.
                    chatLog.forEach(from::deliver);
                }
            }
            case "chat" -> chat("me", message.getString("text"));
            case "ping" -> from.deliver(Json.createObjectBuilder().add("type", "pong").build());
            case "media-credentials" -> from.deliver(from.waiting
                    ? Json.createObjectBuilder().add("type", "error").add("code", "forbidden")
                            .add("message", "not in the meeting").build()
                    : granted(Json.createObjectBuilder().add("type", "media-credentials")));
            default -> {
            }
            }
        }
    }

    private final class Channel implements MessageChannel {
        private final Router router;
        private final MessageListener listener;
        private volatile boolean open = true;
        /** In the waiting room: no credentials for this one. */
        private volatile boolean waiting;

        Channel(Router router, MessageListener listener) {
            this.router = router;
            this.listener = listener;
        }

        @Override
        public CompletableFuture<Void> sendText(String text) {
            if (!open) {
                return CompletableFuture.failedFuture(new IOException("Broken pipe"));
            }
            try (var reader = Json.createReader(new StringReader(text))) {
                router.handle(this, reader.readObject());
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> sendBinary(ByteBuffer data) {
            return CompletableFuture.failedFuture(new IOException("control channels carry text"));
        }

        void deliver(JsonObject message) {
            wire.execute(() -> {
                if (open) {
                    listener.onText(message.toString());
                }
            });
        }

        /** The router closes with a close frame, after what it queued before. */
        void closeFromRouter(int code, String reason) {
            router.channels.remove(this);
            wire.execute(() -> {
                if (open) {
                    open = false;
                    listener.onClose(code, reason);
                }
            });
        }

        void breakOff(IOException why) {
            open = false;
            router.channels.remove(this);
            wire.execute(() -> listener.onError(why));
        }

        @Override
        public void close() {
            open = false;
            router.channels.remove(this);
        }

        @Override
        public boolean isOpen() {
            return open;
        }
    }
}
