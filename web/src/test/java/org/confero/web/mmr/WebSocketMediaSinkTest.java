package org.confero.web.mmr;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** Issue 18: what the relay's unbinding does to a WebSocket media connection. */
class WebSocketMediaSinkTest {

    private final List<CloseReason> closes = new CopyOnWriteArrayList<>();
    private final List<ByteBuffer> sent = new CopyOnWriteArrayList<>();

    @Test
    void theRelayUnbindingTheParticipantClosesTheWebSocketWith1008AndItsReason() {
        WebSocketMediaSink sink = new WebSocketMediaSink(session(false), frames());

        sink.closed("credentials revoked");

        assertThat(closes).singleElement().satisfies(close -> {
            assertThat(close.getCloseCode()).isEqualTo(CloseReason.CloseCodes.VIOLATED_POLICY);
            assertThat(close.getCloseCode().getCode()).isEqualTo(1008);
            assertThat(close.getReasonPhrase()).isEqualTo("credentials revoked");
        });
    }

    @Test
    void aSessionAlreadyClosingIsNoError() {
        WebSocketMediaSink sink = new WebSocketMediaSink(session(true), frames());

        sink.closed("meeting closed");

        assertThat(closes).hasSize(1);
    }

    @Test
    void packetsAreCopiedToTheOutboundQueue() {
        WebSocketMediaSink sink = new WebSocketMediaSink(session(false), frames());
        ByteBuffer packet = ByteBuffer.wrap(new byte[] { (byte) 0x80, 96, 0, 1 });

        sink.accept(packet);

        assertThat(sent).singleElement().isEqualTo(ByteBuffer.wrap(new byte[] { (byte) 0x80, 96, 0, 1 }));
        assertThat(packet.remaining()).as("the relay's buffer is left as it was").isEqualTo(4);
    }

    private OutboundFrames frames() {
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { RemoteEndpoint.Async.class }, (proxy, method, args) -> {
                    if (method.getName().equals("sendBinary")) {
                        sent.add((ByteBuffer) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new OutboundFrames(remote, 8);
    }

    /** A session that records close calls; {@code failing}: one that is closing already and throws. */
    private Session session(boolean failing) {
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Session.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && args != null && args.length == 1) {
                        closes.add((CloseReason) args[0]);
                        if (failing) {
                            throw new IOException("already closed");
                        }
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
