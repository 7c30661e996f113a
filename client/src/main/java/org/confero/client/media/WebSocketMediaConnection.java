package org.confero.client.media;

import jakarta.json.Json;

import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.confero.client.http.JsonBodies;
import org.confero.client.ws.ChannelOpener;
import org.confero.client.ws.MessageChannel;
import org.confero.client.ws.MessageListener;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;

/**
 * Media over a WebSocket (TLS on 443 in production): the first text frame carries the credentials, the relay answers
 * {@code {"type":"bound",…}}, then every binary frame is one RTP/RTCP packet both ways. Goes through the HTTP client's
 * proxy, which is why it is the only media transport used when a proxy is configured, or through an HTTP tunnel.
 */
final class WebSocketMediaConnection extends QueuedMediaConnection {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
    /**
     * RFC 6455 "policy violation": what the router closes with when it does not take the first frame's credentials
     * (invalid, expired, revoked). Before {@code bound} it can only be about them.
     */
    private static final int POLICY_VIOLATION = 1008;

    private static final java.security.SecureRandom PROBE_IDS = new java.security.SecureRandom();
    /** JavaScript's largest safe integer: the router (and the web client) read probe ids as numbers. */
    private static final long MAX_PROBE_ID = (1L << 53) - 1;

    private final CompletableFuture<String> firstText = new CompletableFuture<>();
    private final PathRoundTrip roundTrip = new PathRoundTrip();
    private volatile MessageChannel socket;

    private WebSocketMediaConnection() {
    }

    static WebSocketMediaConnection open(ChannelOpener opener, URI url, MediaCredentials credentials,
            MediaType mediaType, Duration timeout, DialAttempt attempt) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        WebSocketMediaConnection connection = new WebSocketMediaConnection();
        CompletableFuture<MessageChannel> opening = null;
        try {
            attempt.guard(connection);
            opening = opener.open(url, timeout, connection.new Receiver());
            connection.socket = opening.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            // The HTTP upgrade went through: the router is reachable this way.
            attempt.answered();
            String hello = Json.createObjectBuilder().add("token", credentials.token())
                    .add("password", credentials.password()).build().toString();
            connection.socket.sendText(hello).get(remaining(deadline), TimeUnit.NANOSECONDS);
            String answer = connection.firstText.get(remaining(deadline), TimeUnit.NANOSECONDS);
            String type = JsonBodies.parse(answer).getString("type", "");
            if (!"bound".equals(type)) {
                throw new IOException("WebSocket media for " + mediaType + " not bound: " + answer);
            }
            attempt.checkNotCancelled();
            return connection;
        } catch (ExecutionException e) {
            connection.close();
            if (e.getCause() instanceof CredentialsRefusedException refused) {
                throw refused;
            }
            throw new IOException("WebSocket media failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            closeWhenOpened(opening, connection);
            throw new IOException("WebSocket media not bound within " + timeout.toMillis() + " ms", e);
        } catch (IOException | RuntimeException | InterruptedException e) {
            closeWhenOpened(opening, connection);
            throw e;
        }
    }

    /**
     * Gives up on the connection, including a WebSocket still opening: one that opens after we stopped waiting (a
     * timeout, a race lost) is closed as it arrives instead of staying open with nobody reading it.
     */
    private static void closeWhenOpened(CompletableFuture<MessageChannel> opening,
            WebSocketMediaConnection connection) {
        connection.close();
        if (opening != null) {
            opening.thenAccept(MessageChannel::close);
        }
    }

    private static long remaining(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }

    private final class Receiver implements MessageListener {
        @Override
        public void onText(String text) {
            long arrival = System.nanoTime();
            if (!firstText.complete(text)) {
                probeAnswered(text, arrival);
            }
        }

        @Override
        public void onBinary(byte[] data) {
            inbound.offer(data);
        }

        @Override
        public void onClose(int code, String reason) {
            open = false;
            String why = "closed by the relay: " + code + " " + reason;
            firstText.completeExceptionally(
                    code == POLICY_VIOLATION ? new CredentialsRefusedException(why) : new IOException(why));
        }
    }

    @Override
    public Transport transport() {
        return Transport.WEBSOCKET;
    }

    /** One frame at a time: a WebSocket refuses a send while the previous one is still in flight. */
    @Override
    public synchronized void send(byte[] rtp) throws IOException {
        MessageChannel s = socket;
        if (!open || s == null) {
            throw new SocketException("media connection closed");
        }
        try {
            s.sendBinary(ByteBuffer.wrap(rtp)).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("WebSocket send failed", e);
        }
    }

    /**
     * Issue 22: {@code {"type":"probe","id":N}} on this WebSocket, which the router answers on it ({@code MediaProbe}
     * on the server): through an HTTP tunnel, the round trip of the whole tunnelled path.
     */
    @Override
    public synchronized void probeRoundTrip() {
        MessageChannel s = socket;
        if (!open || s == null) {
            return;
        }
        long id = PROBE_IDS.nextLong() & MAX_PROBE_ID;
        byte[] key = probeKey(id);
        if (!roundTrip.sending(key, System.nanoTime())) {
            return;
        }
        try {
            s.sendText("{\"type\":\"probe\",\"id\":" + id + "}").get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            roundTrip.notSent(key);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            roundTrip.notSent(key);
        }
    }

    @Override
    public java.util.OptionalDouble roundTripMillis() {
        return roundTrip.lastMillis();
    }

    private void probeAnswered(String text, long arrivalNanos) {
        try {
            jakarta.json.JsonObject answer = JsonBodies.parse(text);
            if ("probe".equals(answer.getString("type", "")) && answer.get("id") instanceof jakarta.json.JsonNumber n
                    && n.isIntegral()) {
                roundTrip.answered(probeKey(n.longValue()), arrivalNanos);
            }
        } catch (IOException | RuntimeException e) {
            // Not a probe's answer: nothing else is expected after "bound", and nothing is done about it.
        }
    }

    private static byte[] probeKey(long id) {
        return ByteBuffer.allocate(Long.BYTES).putLong(id).array();
    }

    @Override
    public boolean isOpen() {
        MessageChannel s = socket;
        return open && s != null && s.isOpen();
    }

    @Override
    public void close() {
        open = false;
        MessageChannel s = socket;
        if (s != null) {
            s.close();
        }
    }
}
