package org.confero.web.tunnel;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.confero.common.api.ProblemType;

/**
 * One tunnel connection after its welcome: the HTTP exchanges and WebSocket channels its client runs through it. The
 * endpoint calls {@code request}, {@code open}, {@code text}, {@code close} and {@code binary} from the session's
 * message thread, one at a time; upstream answers arrive on the HTTP client's threads.
 *
 * <p>
 * Limits per connection: {@link #MAX_CHANNELS} channels (counting those still connecting), {@link #MAX_REQUESTS}
 * requests in flight; past them the message gets an error {@code limit} and the tunnel stays up. A target that is not
 * allowed ({@link TunnelTargets}) is answered here and never contacted.
 */
final class TunnelConnection {

    static final int MAX_CHANNELS = 16;
    static final int MAX_REQUESTS = 32;
    static final int MAX_PACKET_BYTES = 1500;
    /** Longest upstream body relayed; it and its JSON escaping fit the client's 300 KiB text limit in most cases. */
    static final int MAX_ANSWER_BYTES = 256 * 1024;
    static final int MAX_CHANNEL_TEXT_CHARS = 256 * 1024;
    private static final String[] ANSWER_HEADERS = { "Content-Type", "Retry-After" };

    private final Upstream upstream;
    private final TunnelOutbound out;
    private final Consumer<String> closeTunnel;
    private final Map<Integer, UpstreamChannel> channels = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean shutDown;

    /**
     * @param closeTunnel
     *            closes the client's WebSocket with a reason (the client stopped reading its messages)
     */
    TunnelConnection(Upstream upstream, TunnelOutbound out, Consumer<String> closeTunnel) {
        this.upstream = upstream;
        this.out = out;
        this.closeTunnel = closeTunnel;
    }

    void request(TunnelMessage.Request message) {
        int id = message.id();
        Optional<URI> target = upstream.httpTarget(message.url());
        if (target.isEmpty()) {
            send(TunnelReplies.problem(id, ProblemType.TUNNEL_TARGET_FORBIDDEN,
                    "a tunnel reaches only the zone controllers and routers of this deployment"));
            return;
        }
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(target.get()).timeout(TunnelUpstreams.TIMEOUT);
            message.headers().forEach(builder::header);
            if (message.method().equals("POST")) {
                builder.POST(HttpRequest.BodyPublishers.ofString(message.body().orElse("")));
            } else {
                builder.GET();
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            error(Optional.of(id), "bad-message", "a header value the HTTP client refuses");
            return;
        }
        if (requests.incrementAndGet() > MAX_REQUESTS) {
            requests.decrementAndGet();
            error(Optional.of(id), "limit", "at most " + MAX_REQUESTS + " requests in flight per tunnel");
            return;
        }
        upstream.exchange(request).whenComplete((response, failure) -> {
            requests.decrementAndGet();
            if (shutDown) {
                return;
            }
            if (failure != null) {
                send(TunnelReplies.problem(id, ProblemType.BAD_GATEWAY, failure(failure)));
            } else {
                send(TunnelReplies.response(id, response.statusCode(), answerHeaders(response), response.body()));
            }
        });
    }

    void tooLarge(TunnelMessage.TooLarge message) {
        send(TunnelReplies.problem(message.id(), ProblemType.PAYLOAD_TOO_LARGE,
                "a request body through the tunnel is at most " + TunnelMessage.MAX_BODY_BYTES + " bytes"));
    }

    void open(TunnelMessage.Open message) {
        int id = message.id();
        Optional<URI> target = upstream.webSocketTarget(message.url());
        if (target.isEmpty()) {
            send(TunnelReplies.closed(id, 1008, "target not allowed"));
            return;
        }
        if (channels.containsKey(id)) {
            error(Optional.of(id), "bad-message", "channel " + id + " is open already");
            return;
        }
        if (channels.size() >= MAX_CHANNELS) {
            error(Optional.of(id), "limit", "at most " + MAX_CHANNELS + " channels per tunnel");
            return;
        }
        UpstreamChannel channel = new UpstreamChannel(id, this);
        channels.put(id, channel);
        upstream.connect(target.get(), channel).whenComplete((webSocket, failure) -> {
            if (failure != null) {
                channelClosed(channel, 1011, "the router could not be reached");
            } else if (channels.get(id) != channel || shutDown) {
                webSocket.abort();
            } else {
                channel.connected(webSocket);
            }
        });
    }

    void text(TunnelMessage.Text message) {
        UpstreamChannel channel = channels.get(message.id());
        if (channel == null || !channel.isOpen()) {
            error(Optional.of(message.id()), "bad-message", "channel " + message.id() + " is not open");
            return;
        }
        if (!channel.sendText(message.data())) {
            error(Optional.of(message.id()), "limit", "the router of channel " + message.id() + " is not reading");
        }
    }

    /** The client closes a channel: it is gone at once (no {@code closed} follows). Unknown ids are ignored. */
    void close(TunnelMessage.Close message) {
        UpstreamChannel channel = channels.remove(message.id());
        if (channel != null) {
            channel.close();
        }
    }

    /**
     * A binary frame from the client: 4-byte channel id, then one packet. Frames for channels that are not (or no
     * longer) open are dropped, as are frames the router does not take in time.
     */
    void binary(ByteBuffer frame) {
        if (frame.remaining() < 4) {
            error(Optional.empty(), "bad-message", "a binary frame starts with a 4-byte channel id");
            return;
        }
        UpstreamChannel channel = channels.get(frame.getInt());
        if (channel != null && channel.isOpen() && frame.hasRemaining()) {
            channel.sendBinary(frame);
        }
    }

    /** The client's WebSocket closed: every channel and upstream goes with it. */
    void shutDown() {
        shutDown = true;
        for (UpstreamChannel channel : channels.values()) {
            channel.abort();
        }
        channels.clear();
    }

    int openChannels() {
        return channels.size();
    }

    // Called by channels, on the HTTP client's threads.

    void channelClosed(UpstreamChannel channel, int code, String reason) {
        if (channels.remove(channel.id(), channel) && !shutDown) {
            send(TunnelReplies.closed(channel.id(), code, reason));
        }
    }

    void media(ByteBuffer frame) {
        out.binary(frame);
    }

    void send(String json) {
        send(json, null);
    }

    /** Text is never dropped: a client that lets {@link TunnelOutbound#TEXT_LIMIT} messages pile up is closed. */
    void send(String json, Runnable sent) {
        if (!out.text(json, sent)) {
            closeTunnel.accept("the client does not read its messages");
        }
    }

    void error(Optional<Integer> id, String code, String message) {
        send(TunnelReplies.error(id, code, message));
    }

    private static Map<String, String> answerHeaders(HttpResponse<String> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : ANSWER_HEADERS) {
            response.headers().firstValue(name).ifPresent(value -> headers.put(name, value));
        }
        return headers;
    }

    private static String failure(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "the server did not answer within " + TunnelUpstreams.TIMEOUT.toSeconds() + " s";
        }
        if (cause instanceof LimitedBody.TooLarge) {
            return "the server's answer is longer than " + MAX_ANSWER_BYTES + " bytes";
        }
        return "the server could not be reached";
    }
}
