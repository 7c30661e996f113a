package org.confero.client.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.confero.client.http.JsonBodies;
import org.confero.client.ws.ChannelOpener;
import org.confero.client.ws.JdkWebSockets;
import org.confero.client.ws.MessageChannel;
import org.confero.client.ws.MessageListener;

/**
 * One participant's control channel: joins with the lookup's join token, pings every keep-alive interval (the router
 * closes a connection silent for 60 s), and after a dropped connection resumes with {@code sessionId} and
 * {@code resumeToken} — retrying with growing pauses for as long as the router keeps the seat (30 s by default).
 */
public final class ControlSession implements AutoCloseable {

    private static final Set<String> ADMITTED = Set.of("joined", "waiting", "resumed");
    /** The router's default grace period; past it a resume is refused anyway. */
    private static final Duration RESUME_GRACE = Duration.ofSeconds(30);

    private final ChannelOpener opener;
    private final URI url;
    private final String meetingId;
    private final ControlListener listener;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler;
    private final Object sendLock = new Object();

    private volatile MessageChannel socket;
    private volatile Receiver current;
    private volatile CompletableFuture<JsonObject> admission;
    private volatile JsonObject welcome;
    private volatile String participantId;
    private volatile String sessionId;
    private volatile String resumeToken;
    private volatile boolean finished;

    private ControlSession(ChannelOpener opener, URI url, String meetingId, ControlListener listener,
            Duration timeout) {
        this.opener = opener;
        this.url = url;
        this.meetingId = meetingId;
        this.listener = listener;
        this.timeout = timeout;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "confero-control-" + meetingId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects and joins; returns once the router answered {@code joined} or {@code waiting}. */
    public static ControlSession join(HttpClient http, URI url, String meetingId, String joinToken,
            ControlListener listener, Duration timeout, Duration keepAlive) throws IOException, InterruptedException {
        return join(JdkWebSockets.opener(http), url, meetingId, joinToken, listener, timeout, keepAlive);
    }

    /** The same over any channel opener: an HTTP tunnel's, for one. */
    public static ControlSession join(ChannelOpener opener, URI url, String meetingId, String joinToken,
            ControlListener listener, Duration timeout, Duration keepAlive) throws IOException, InterruptedException {
        ControlSession session = new ControlSession(opener, url, meetingId, listener, timeout);
        try {
            session.connectAndAwait(Json.createObjectBuilder().add("type", "join").add("joinToken", joinToken));
        } catch (IOException | InterruptedException | RuntimeException e) {
            session.close();
            throw e;
        }
        session.scheduler.scheduleAtFixedRate(session::ping, keepAlive.toMillis(), keepAlive.toMillis(),
                TimeUnit.MILLISECONDS);
        return session;
    }

    private void connectAndAwait(JsonObjectBuilder hello) throws IOException, InterruptedException {
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        admission = answer;
        Receiver receiver = new Receiver();
        current = receiver;
        try {
            socket = opener.open(url, timeout, receiver).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            send(hello.build());
            JsonObject reply = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ADMITTED.contains(reply.getString("type", ""))) {
                socket.close();
                throw new IOException("control channel refused: " + reply);
            }
            remember(reply);
        } catch (ExecutionException e) {
            throw new IOException("control channel failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            MessageChannel s = socket;
            if (s != null) {
                s.close();
            }
            throw new IOException("control channel did not answer within " + timeout.toMillis() + " ms", e);
        }
    }

    private void remember(JsonObject reply) {
        if (!"resumed".equals(reply.getString("type", ""))) {
            welcome = reply;
        }
        participantId = JsonBodies.optionalString(reply, "participantId") != null ? reply.getString("participantId")
                : participantId;
        sessionId = JsonBodies.optionalString(reply, "sessionId") != null ? reply.getString("sessionId") : sessionId;
        resumeToken = JsonBodies.optionalString(reply, "resumeToken") != null ? reply.getString("resumeToken")
                : resumeToken;
    }

    /** The {@code joined} (or {@code waiting}) answer: participant id, role, roster. */
    public JsonObject welcome() {
        return welcome;
    }

    public String participantId() {
        return participantId;
    }

    public void chat(String text) throws IOException {
        send(Json.createObjectBuilder().add("type", "chat").add("text", text).build());
    }

    /** Mutes or unmutes yourself; {@code media} is {@code audio} or {@code video}. */
    public void mute(String media, boolean muted) throws IOException {
        send(Json.createObjectBuilder().add("type", "mute").add("media", media).add("muted", muted).build());
    }

    /** A host mutes another participant (the router never lets a host unmute others). */
    public void mute(String otherParticipantId, String media, boolean muted) throws IOException {
        send(Json.createObjectBuilder().add("type", "mute").add("participantId", otherParticipantId).add("media", media)
                .add("muted", muted).build());
    }

    /** Leaves the meeting (the router revokes our media credentials) and closes the channel. */
    public void leave() throws IOException {
        try {
            send(Json.createObjectBuilder().add("type", "leave").build());
        } finally {
            close();
        }
    }

    public void send(JsonObject message) throws IOException {
        MessageChannel s = socket;
        if (s == null || finished) {
            throw new IOException("control channel closed");
        }
        synchronized (sendLock) {
            try {
                s.sendText(message.toString()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while sending", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("control message not sent", e);
            }
        }
    }

    private void ping() {
        try {
            send(Json.createObjectBuilder().add("type", "ping").build());
        } catch (IOException e) {
            // The receiver notices the broken connection and resumes; a missed ping changes nothing.
        }
    }

    private void dropped(String reason) {
        if (finished || sessionId == null) {
            return;
        }
        listener.onConnectionLost(reason);
        scheduler.execute(this::resume);
    }

    private void resume() {
        long giveUpAt = System.nanoTime() + RESUME_GRACE.toNanos();
        long pauseMillis = 500;
        String last = "no attempt";
        while (!finished && System.nanoTime() < giveUpAt) {
            try {
                connectAndAwait(Json.createObjectBuilder().add("type", "resume").add("meetingId", meetingId)
                        .add("participantId", participantId).add("sessionId", sessionId)
                        .add("resumeToken", resumeToken));
                listener.onResumed();
                return;
            } catch (IOException e) {
                last = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pauseMillis = Math.min(pauseMillis * 2, 4000);
        }
        if (!finished) {
            finished = true;
            listener.onGaveUp(last);
            scheduler.shutdown();
        }
    }

    @Override
    public void close() {
        finished = true;
        scheduler.shutdownNow();
        MessageChannel s = socket;
        if (s != null) {
            s.close();
        }
    }

    /** One per connection; a receiver of a connection that was replaced by a resume no longer speaks. */
    private final class Receiver implements MessageListener {

        @Override
        public void onText(String whole) {
            try {
                JsonObject message = JsonBodies.parse(whole);
                String type = message.getString("type", "");
                CompletableFuture<JsonObject> pending = admission;
                if (!pending.isDone() && (ADMITTED.contains(type) || "error".equals(type))) {
                    pending.complete(message);
                } else {
                    if ("removed".equals(type) || "ended".equals(type)) {
                        // The router closes next; there is no seat to resume.
                        finished = true;
                    }
                    listener.onMessage(message);
                }
            } catch (IOException | ClassCastException e) {
                // A router speaks JSON objects only; a broken frame is skipped, not fatal.
            }
        }

        @Override
        public void onClose(int code, String reason) {
            admission.completeExceptionally(new IOException("closed: " + code + " " + reason));
            if (current == this) {
                dropped("closed by the router: " + code + " " + reason);
            }
        }

        @Override
        public void onError(Throwable error) {
            admission.completeExceptionally(error);
            if (current == this) {
                dropped(String.valueOf(error.getMessage()));
            }
        }
    }
}
