package org.confero.client.ws;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Channels that are WebSockets of their own, over the HTTP client (and so through its proxy). */
public final class JdkWebSockets {

    private JdkWebSockets() {
    }

    public static ChannelOpener opener(HttpClient http) {
        return (url, timeout, listener) -> http.newWebSocketBuilder().connectTimeout(timeout)
                .buildAsync(url, new Assembler(listener)).thenApply(Channel::new);
    }

    private static final class Channel implements MessageChannel {
        private final WebSocket socket;

        Channel(WebSocket socket) {
            this.socket = socket;
        }

        @Override
        public CompletableFuture<Void> sendText(String text) {
            return socket.sendText(text, true).thenApply(ws -> null);
        }

        @Override
        public CompletableFuture<Void> sendBinary(ByteBuffer data) {
            return socket.sendBinary(data, true).thenApply(ws -> null);
        }

        @Override
        public void close() {
            // A close frame if it goes out within a second; abort never waits for the peer.
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(1, TimeUnit.SECONDS)
                    .whenComplete((ws, e) -> socket.abort());
        }

        @Override
        public boolean isOpen() {
            return !socket.isOutputClosed() && !socket.isInputClosed();
        }
    }

    /** Puts fragments back together: listeners only ever see whole messages. */
    private static final class Assembler implements WebSocket.Listener {
        private final MessageListener listener;
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        Assembler(MessageListener listener) {
            this.listener = listener;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String whole = text.toString();
                text.setLength(0);
                listener.onText(whole);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] piece = new byte[data.remaining()];
            data.get(piece);
            binary.writeBytes(piece);
            if (last) {
                byte[] whole = binary.toByteArray();
                binary.reset();
                listener.onBinary(whole);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            listener.onClose(statusCode, reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            listener.onError(error);
        }
    }

}
