package org.confero.client.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.confero.client.control.NotAdmittedException.Reason;
import org.confero.client.http.IoReasons;
import org.confero.client.http.JsonBodies;
import org.confero.client.media.MediaGrant;
import org.confero.client.media.MediaGrantSource;
import org.confero.client.ws.ChannelOpener;
import org.confero.client.ws.JdkWebSockets;
import org.confero.client.ws.MessageChannel;
import org.confero.client.ws.MessageListener;
import org.confero.protocol.rest.AssignmentRequest.ResumeCredentials;

/**
 * One participant's control channel: joins with the lookup's join token, pings every keep-alive interval (the router
 * closes a connection silent for 60 s), and after a dropped connection resumes with {@code sessionId} and
 * {@code resumeToken} — retrying with growing pauses for as long as the router keeps the seat (30 s by default), then
 * giving up ({@link ControlListener#onGaveUp}).
 * <p>
 * <b>Moving to another router.</b> The first resume attempt goes to the same router at once: a dropped connection to a
 * live router is the common case. When an attempt cannot reach the router at all (refused, timed out, broken — not an
 * {@code error} answer), the {@link Relocation} is asked for another router, and the next attempt goes there without a
 * pause: every router of the cluster takes a resume. An {@code error} answer ({@code resume-failed}) comes from a
 * router that is there; it is retried with pauses, not moved away from.
 * <p>
 * <b>Chat across a drop.</b> The router numbers its chat messages ({@code id}). The session remembers the highest id it
 * delivered and sends it with the resume ({@code lastChatId}); the router replays every newer message, and the listener
 * sees each message once. Chat written while the channel is down is queued — at most 100 messages, beyond which
 * {@link #chat} throws — and sent after {@code resumed}, before the listener hears {@link ControlListener#onResumed}.
 * <p>
 * <b>Media credentials.</b> The router hands them out only to a participant in the meeting: with {@code joined},
 * {@code admitted} (out of the waiting room), {@code resumed}, and in answer to {@code media-credentials}. The session
 * keeps the latest ({@link #mediaGrant}), lets the joining thread wait for a host's admission ({@link #awaitAdmission})
 * and asks for fresh ones on demand ({@link #refreshMediaGrant}). The listener sees those messages without the
 * credentials.
 */
public final class ControlSession implements AutoCloseable, MediaGrantSource {

    private static final Set<String> ADMITTED = Set.of("joined", "waiting", "resumed");
    /** The router's default grace period; past it a resume is refused anyway. */
    private static final Duration RESUME_GRACE = Duration.ofSeconds(30);
    /**
     * The first resume attempt asks whether the router is still there. A live router answers well within this; a dead
     * one whose host went silent (no refusal, nothing) must not hold the move to another router for a whole HTTP
     * timeout. Later attempts get the full timeout.
     */
    private static final Duration FIRST_ATTEMPT_TIMEOUT = Duration.ofMillis(1500);
    private static final long FIRST_PAUSE_MILLIS = 500;
    private static final long LONGEST_PAUSE_MILLIS = 4000;

    private final ChannelOpener opener;
    private final String meetingId;
    private final ControlListener listener;
    private final Relocation relocation;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler;
    /** One send at a time on the channel; also keeps the outbox and the "up" flag consistent with each other. */
    private final Object sendLock = new Object();
    private final AtomicBoolean up = new AtomicBoolean();
    private final ChatLedger chats = new ChatLedger();
    private final ChatOutbox outbox = new ChatOutbox();
    private final MediaGrants grants = new MediaGrants();

    private volatile URI url;
    private volatile MessageChannel socket;
    private volatile Receiver current;
    private volatile JsonObject welcome;
    private volatile String participantId;
    private volatile String sessionId;
    private volatile String resumeToken;
    private volatile long lostAtNanos;
    private volatile boolean finished;

    private ControlSession(ChannelOpener opener, URI url, String meetingId, ControlListener listener,
            Relocation relocation, Duration timeout) {
        this.opener = opener;
        this.url = url;
        this.meetingId = meetingId;
        this.listener = listener;
        this.relocation = relocation;
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

    /** The same over any channel opener (an HTTP tunnel's, for one); resumes at the same router only. */
    public static ControlSession join(ChannelOpener opener, URI url, String meetingId, String joinToken,
            ControlListener listener, Duration timeout, Duration keepAlive) throws IOException, InterruptedException {
        return join(opener, url, meetingId, joinToken, listener, timeout, keepAlive, Relocation.NONE);
    }

    /** The same, moving to the router {@code relocation} names when the router cannot be reached any more. */
    public static ControlSession join(ChannelOpener opener, URI url, String meetingId, String joinToken,
            ControlListener listener, Duration timeout, Duration keepAlive, Relocation relocation)
            throws IOException, InterruptedException {
        return join(opener, url, meetingId, joinToken, Optional.empty(), listener, timeout, keepAlive, relocation);
    }

    /**
     * The same, presenting {@code stagePass} (issue 23): the pass an earlier promotion in this webinar issued, which
     * makes the join a panelist's while no demotion revoked it. The router checks it; a wrong one seats an attendee.
     */
    public static ControlSession join(ChannelOpener opener, URI url, String meetingId, String joinToken,
            Optional<String> stagePass, ControlListener listener, Duration timeout, Duration keepAlive,
            Relocation relocation) throws IOException, InterruptedException {
        ControlSession session = new ControlSession(opener, url, meetingId, listener, relocation, timeout);
        try {
            JsonObjectBuilder join = Json.createObjectBuilder().add("type", "join").add("joinToken", joinToken);
            stagePass.ifPresent(pass -> join.add("stagePass", pass));
            session.connectAndAwait(join, timeout);
            session.comeUp();
        } catch (IOException | InterruptedException | RuntimeException e) {
            session.close();
            throw e;
        }
        session.scheduler.scheduleAtFixedRate(session::ping, keepAlive.toMillis(), keepAlive.toMillis(),
                TimeUnit.MILLISECONDS);
        return session;
    }

    /** Opens a channel to the current URL, says {@code hello} and waits for admission, all within {@code limit}. */
    private void connectAndAwait(JsonObjectBuilder hello, Duration limit) throws IOException, InterruptedException {
        Receiver receiver = new Receiver();
        current = receiver;
        CompletableFuture<MessageChannel> opening = opener.open(url, limit, receiver);
        MessageChannel channel;
        try {
            channel = opening.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("control channel failed: " + IoReasons.describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            // A connection that completes after all is not wanted any more.
            opening.thenAccept(MessageChannel::close);
            throw new IOException("control channel did not open within " + limit.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            opening.thenAccept(MessageChannel::close);
            throw e;
        }
        socket = channel;
        boolean admitted = false;
        try {
            transmit(channel, hello.build());
            JsonObject reply = receiver.admission.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!ADMITTED.contains(reply.getString("type", ""))) {
                throw new ControlRefusedException("control channel refused: " + reply);
            }
            admitted = true;
        } catch (ExecutionException e) {
            throw new IOException("control channel failed: " + IoReasons.describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("control channel did not answer within " + limit.toMillis() + " ms", e);
        } finally {
            if (!admitted) {
                channel.close();
            }
        }
    }

    /**
     * What a router's welcome ({@code joined}, {@code waiting}, {@code admitted}, {@code resumed}) says about our seat.
     * Runs on the receiving thread, before anything that came after it on the wire: an {@code admitted} right behind
     * {@code waiting} cannot be overtaken by it.
     */
    private void remember(JsonObject reply) {
        if (!"resumed".equals(reply.getString("type", ""))) {
            welcome = GrantMessages.withoutCredentials(reply);
        }
        participantId = JsonBodies.optionalString(reply, "participantId") != null ? reply.getString("participantId")
                : participantId;
        sessionId = JsonBodies.optionalString(reply, "sessionId") != null ? reply.getString("sessionId") : sessionId;
        resumeToken = JsonBodies.optionalString(reply, "resumeToken") != null ? reply.getString("resumeToken")
                : resumeToken;
        GrantMessages.grant(reply).ifPresent(grants::received);
    }

    /**
     * The router's welcome: {@code joined}, {@code waiting}, or — once a host let us in — {@code admitted}; participant
     * id, role, roster. Without the media credentials ({@link #mediaGrant}).
     */
    public JsonObject welcome() {
        return welcome;
    }

    /** True while the participant is in the meeting's waiting room: no media until a host admits it. */
    public boolean waiting() {
        return "waiting".equals(welcome.getString("type", ""));
    }

    /** The latest media credentials the router granted; empty in the waiting room. */
    @Override
    public Optional<MediaGrant> mediaGrant() {
        return grants.latest();
    }

    /**
     * Waits until the session holds media credentials: at once after {@code joined}; from the waiting room, when a host
     * admits us.
     *
     * @throws NotAdmittedException
     *             removed, the meeting ended, the connection lost for good, the session closed, or {@code limit} passed
     *             ({@link NotAdmittedException#reason()} says which)
     */
    public MediaGrant awaitAdmission(Duration limit) throws NotAdmittedException, InterruptedException {
        return grants.awaitFirst(limit).orElseThrow(
                () -> new NotAdmittedException(Reason.TIMED_OUT, "no host admitted you within " + human(limit)));
    }

    /**
     * Asks the router for fresh media credentials ({@code media-credentials}) and waits for them, at most the session's
     * timeout. While the channel is down, no request goes out: the {@code resumed} that ends the outage brings fresh
     * credentials. Callers at the same time share one request.
     *
     * @throws NotAdmittedException
     *             the router refused (not in the meeting), or the session is over
     * @throws IOException
     *             no credentials came in time
     */
    @Override
    public MediaGrant refreshMediaGrant() throws IOException, InterruptedException {
        long held = grants.generation();
        if (grants.shouldRequest(held)) {
            try {
                send(Json.createObjectBuilder().add("type", "media-credentials").build());
            } catch (IOException e) {
                grants.requestFailed();
                if (finished) {
                    throw e;
                }
            }
        }
        return grants.awaitFresh(held, timeout).orElseThrow(
                () -> new IOException("no media credentials from the router within " + timeout.toMillis() + " ms"));
    }

    public String participantId() {
        return participantId;
    }

    /** The router's control URL the session speaks to now; another router's after a relocation. */
    public URI controlUrl() {
        return url;
    }

    /**
     * Sends a chat message. While the channel is down (resuming) the message waits in a queue of at most 100 and goes
     * out once the channel resumed.
     *
     * @throws IOException
     *             the session is over, or 100 messages already wait for the channel to come back
     */
    public void chat(String text) throws IOException {
        JsonObject message = Json.createObjectBuilder().add("type", "chat").add("text", text).build();
        synchronized (sendLock) {
            if (finished) {
                throw new IOException("control channel closed");
            }
            if (up.get()) {
                try {
                    transmit(socket, message);
                    return;
                } catch (UnsentException e) {
                    // The connection broke under this message: the resume that follows the drop sends it.
                }
            }
            outbox.add(message);
        }
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

    /**
     * Sends any message now.
     *
     * @throws IOException
     *             the session is over, the channel is down (resuming), or the message did not go out
     */
    public void send(JsonObject message) throws IOException {
        if (finished) {
            throw new IOException("control channel closed");
        }
        if (!up.get()) {
            throw new IOException("control channel is down, resuming");
        }
        transmit(socket, message);
    }

    private void transmit(MessageChannel channel, JsonObject message) throws IOException {
        synchronized (sendLock) {
            try {
                channel.sendText(message.toString()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while sending", e);
            } catch (ExecutionException e) {
                throw new UnsentException(e.getCause());
            } catch (TimeoutException e) {
                throw new IOException("control message not sent within " + timeout.toMillis() + " ms", e);
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

    /**
     * Admitted: what was written meanwhile goes out first (under the send lock, so no new chat overtakes it), then the
     * channel counts as up. A close that raced with this is a drop like any other.
     */
    private void comeUp() {
        synchronized (sendLock) {
            try {
                for (JsonObject waiting = outbox.next(); waiting != null; waiting = outbox.next()) {
                    transmit(socket, waiting);
                    outbox.sent();
                }
            } catch (IOException e) {
                // Broken again: the rest waits for the next resume, which the drop starts.
            }
            up.set(true);
        }
        Receiver receiver = current;
        if (receiver.goneBecause != null) {
            lost(receiver, receiver.goneBecause);
        }
    }

    /** The current connection dropped while up: tell the listener once and start resuming. */
    private void lost(Receiver receiver, String reason) {
        if (finished || sessionId == null || current != receiver || !up.compareAndSet(true, false)) {
            return;
        }
        lostAtNanos = System.nanoTime();
        listener.onConnectionLost(reason);
        try {
            scheduler.execute(this::resume);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile: nothing to resume.
        }
    }

    private void resume() {
        long giveUpAt = System.nanoTime() + RESUME_GRACE.toNanos();
        long pauseMillis = FIRST_PAUSE_MILLIS;
        Duration limit = timeout.compareTo(FIRST_ATTEMPT_TIMEOUT) < 0 ? timeout : FIRST_ATTEMPT_TIMEOUT;
        Set<URI> tried = new HashSet<>();
        String last = "no attempt";
        try {
            while (!finished && System.nanoTime() < giveUpAt) {
                tried.add(url);
                try {
                    connectAndAwait(resumeMessage(), limit);
                    resumed();
                    return;
                } catch (ControlRefusedException e) {
                    // The router is there and said no; another router would not change that. Retried with pauses.
                    last = e.getMessage();
                } catch (IOException e) {
                    last = e.getMessage();
                    if (!finished && relocated(last, tried)) {
                        limit = timeout;
                        continue;
                    }
                }
                limit = timeout;
                Thread.sleep(pauseMillis);
                pauseMillis = Math.min(pauseMillis * 2, LONGEST_PAUSE_MILLIS);
            }
        } catch (InterruptedException e) {
            // close() interrupts: the session is over, and nobody waits for a report.
            Thread.currentThread().interrupt();
            return;
        }
        giveUp(last);
    }

    private JsonObjectBuilder resumeMessage() {
        JsonObjectBuilder resume = Json.createObjectBuilder().add("type", "resume").add("meetingId", meetingId)
                .add("participantId", participantId).add("sessionId", sessionId).add("resumeToken", resumeToken);
        chats.lastId().ifPresent(id -> resume.add("lastChatId", id));
        return resume;
    }

    /**
     * Asks the relocation for another router. True when it named one not tried yet in this outage: the next attempt
     * goes there at once. A router already tried waits for the pause, so two dead routers cannot make a busy loop.
     */
    private boolean relocated(String reason, Set<URI> tried) throws InterruptedException {
        Optional<URI> elsewhere;
        try {
            elsewhere = relocation.relocate(seat(), reason);
        } catch (RuntimeException e) {
            // A failing hook must not end the resume loop unseen; the same router is tried again.
            return false;
        }
        if (elsewhere.isEmpty()) {
            return false;
        }
        url = elsewhere.get();
        return !tried.contains(url);
    }

    private ResumeCredentials seat() {
        return new ResumeCredentials(meetingId, participantId, sessionId, resumeToken);
    }

    private void resumed() throws InterruptedException {
        comeUp();
        listener.onResumed();
        relocation.resumed(url, Duration.ofNanos(System.nanoTime() - lostAtNanos), this);
    }

    private void giveUp(String reason) {
        if (finished) {
            return;
        }
        finished = true;
        int unsent;
        synchronized (sendLock) {
            unsent = outbox.size();
        }
        grants.over(Reason.CONNECTION_LOST, "control connection lost: " + reason);
        listener.onGaveUp(unsent == 0 ? reason : reason + " (" + unsent + " chat message(s) not sent)");
        scheduler.shutdown();
    }

    /** Ends the session at once, a resume or relocation under way included; its thread ends with it. */
    @Override
    public void close() {
        finished = true;
        grants.over(Reason.CLOSED, "the session was closed");
        scheduler.shutdownNow();
        MessageChannel s = socket;
        if (s != null) {
            s.close();
        }
    }

    /** "15 min", "90 s": how long a person waited. */
    private static String human(Duration d) {
        return d.toSeconds() >= 120 && d.toSecondsPart() == 0 ? d.toMinutes() + " min" : d.toMillis() / 1000.0 + " s";
    }

    /** A message the channel failed to carry: the connection is broken, not merely slow. */
    private static final class UnsentException extends IOException {
        UnsentException(Throwable cause) {
            super("control message not sent: " + IoReasons.describe(cause), cause);
        }
    }

    /**
     * One per connection, with its own admission: a late close of a connection that a resume already replaced fails
     * nothing and starts nothing.
     */
    private final class Receiver implements MessageListener {

        private final CompletableFuture<JsonObject> admission = new CompletableFuture<>();
        private volatile String goneBecause;

        @Override
        public void onText(String whole) {
            try {
                JsonObject message = JsonBodies.parse(whole);
                String type = message.getString("type", "");
                if (!admission.isDone() && (ADMITTED.contains(type) || "error".equals(type))) {
                    if (ADMITTED.contains(type) && current == this) {
                        // A late answer to an attempt already given up on says nothing about the seat.
                        remember(message);
                    }
                    admission.complete(message);
                    return;
                }
                if ("chat".equals(type) && !chats.firstDelivery(message)) {
                    // Replayed after a resume, but it arrived before the drop.
                    return;
                }
                switch (type) {
                case "admitted" -> remember(message);
                // Issue 23: a webinar promotion or demotion carries the credentials of the new role.
                case "media-credentials", "role" -> GrantMessages.grant(message).ifPresent(grants::received);
                case "error" -> {
                    if ("forbidden".equals(message.getString("code", ""))) {
                        // The router answers a refused media-credentials request so; errors carry no request id.
                        grants.refused(message.getString("message", "forbidden"));
                    }
                }
                case "removed", "ended" -> {
                    // The router closes next; there is no seat to resume.
                    finished = true;
                    grants.over("removed".equals(type) ? Reason.REMOVED : Reason.ENDED,
                            "removed".equals(type) ? "a host removed you" : "the meeting ended");
                }
                default -> {
                }
                }
                listener.onMessage(GrantMessages.withoutCredentials(message));
            } catch (IOException | ClassCastException e) {
                // A router speaks JSON objects only; a broken frame is skipped, not fatal.
            }
        }

        @Override
        public void onClose(int code, String reason) {
            gone("closed by the router: " + code + " " + reason);
        }

        @Override
        public void onError(Throwable error) {
            gone(IoReasons.describe(error));
        }

        private void gone(String reason) {
            goneBecause = reason;
            admission.completeExceptionally(new IOException("closed: " + reason));
            lost(this, reason);
        }
    }
}
