package org.confero.web.tunnel;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * One channel of a tunnel: a WebSocket to a router (control or media) whose frames go to the client tagged with the
 * channel id, and back.
 *
 * <p>
 * Flow control towards the client: the upstream is asked for its next message only once the previous text frame has
 * been handed to the client (binary frames go to the tunnel's bounded media queue at once), so text is never dropped
 * and never piles up. Towards the router: the JDK WebSocket allows one outstanding send, so sends are chained; at most
 * {@link #MAX_PENDING_SENDS} may wait, past that media is dropped and text refused.
 */
final class UpstreamChannel implements WebSocket.Listener {

    static final int MAX_PENDING_SENDS = 64;

    private final int id;
    private final TunnelConnection tunnel;
    private final StringBuilder text = new StringBuilder();
    private final ByteBuffer binary = ByteBuffer.allocate(TunnelConnection.MAX_PACKET_BYTES);
    private boolean binaryTooLong;
    private volatile WebSocket socket;
    private volatile boolean closed;
    /** Guarded by {@code this}: the send in progress and how many wait behind it. */
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private int pendingSends;

    UpstreamChannel(int id, TunnelConnection tunnel) {
        this.id = id;
        this.tunnel = tunnel;
    }

    int id() {
        return id;
    }

    boolean isOpen() {
        return socket != null && !closed;
    }

    /** The upstream connected: the client learns it first, then frames start to flow. */
    void connected(WebSocket webSocket) {
        socket = webSocket;
        if (closed) {
            webSocket.abort();
            return;
        }
        tunnel.send(TunnelReplies.opened(id), () -> webSocket.request(1));
    }

    /** False when the router is not reading (too many sends waiting). */
    boolean sendText(String data) {
        return enqueue(ws -> ws.sendText(data, true)).accepted();
    }

    /** {@code payload} is valid only during the call, so it is copied; dropped when the router is not reading. */
    boolean sendBinary(ByteBuffer payload) {
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        copy.put(payload).flip();
        return enqueue(ws -> ws.sendBinary(copy, true)).accepted();
    }

    /** The client closed the channel: a normal close upstream, then the connection is dropped. */
    void close() {
        closed = true;
        WebSocket current = socket;
        if (current != null) {
            enqueue(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "")).whenComplete(current::abort);
        }
    }

    /** The tunnel is gone: drop the upstream at once. */
    void abort() {
        closed = true;
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
    }

    private synchronized Enqueued enqueue(Function<WebSocket, CompletableFuture<WebSocket>> send) {
        if (pendingSends >= MAX_PENDING_SENDS) {
            return Enqueued.REFUSED;
        }
        pendingSends++;
        WebSocket ws = socket;
        tail = tail.handle((result, failure) -> null).thenCompose(ignored -> send.apply(ws))
                .whenComplete((result, failure) -> {
                    synchronized (this) {
                        pendingSends--;
                    }
                });
        return new Enqueued(tail);
    }

    /** Whether a send was queued, and a way to act when it is done. */
    private record Enqueued(CompletableFuture<?> done) {
        static final Enqueued REFUSED = new Enqueued(null);

        boolean accepted() {
            return done != null;
        }

        void whenComplete(Runnable action) {
            if (done == null) {
                action.run();
            } else {
                done.whenComplete((result, failure) -> action.run());
            }
        }
    }

    // The router's side. Messages are requested one at a time (see the class comment); onOpen requests nothing, so
    // nothing arrives before the client has been told the channel is open.

    @Override
    public void onOpen(WebSocket webSocket) {
        // connected() requests the first message once "opened" is queued.
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (text.length() > TunnelConnection.MAX_CHANNEL_TEXT_CHARS) {
            text.setLength(0);
            webSocket.abort();
            tunnel.channelClosed(this, 1009,
                    "the router sent a text frame over " + TunnelConnection.MAX_CHANNEL_TEXT_CHARS + " characters");
            return null;
        }
        if (!last) {
            webSocket.request(1);
            return null;
        }
        String frame = text.toString();
        text.setLength(0);
        tunnel.send(TunnelReplies.text(id, frame), () -> webSocket.request(1));
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        if (data.remaining() > binary.remaining()) {
            binaryTooLong = true;
        } else {
            binary.put(data);
        }
        if (last) {
            binary.flip();
            if (!binaryTooLong) {
                ByteBuffer frame = ByteBuffer.allocate(4 + binary.remaining());
                frame.putInt(id).put(binary).flip();
                tunnel.media(frame);
            }
            binary.clear();
            binaryTooLong = false;
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed = true;
        tunnel.channelClosed(this, statusCode, reason);
        // The JDK answers the close once this returns.
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed = true;
        tunnel.channelClosed(this, 1011, "the connection to the router failed");
    }
}
