package org.confero.web.tunnel;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;

import org.confero.common.ServerIdentity;
import org.confero.lookup.LookupServices;
import org.confero.protocol.join.JoinTokenSigner;
import org.jboss.logging.Logger;

/**
 * The HTTP tunnel ({@code wss://<tunnel>/tunnel/ws}, role {@code tunnel}): for clients that can reach nothing but HTTPS
 * to this server, it carries the rest of the connection process — zone controller requests, the control channel and
 * media — to the deployment's own zone controllers and routers, and nowhere else.
 *
 * <p>
 * The client's first message is {@code {"type":"hello","joinToken":…}} with the join token of its lookup; anything else
 * first, or a token that is not valid, gets {@code error unauthorized} and a close (1008). After {@code welcome}:
 * {@code request} (HTTP, answered by {@code response}), {@code open}/{@code text}/{@code close} (WebSocket channels,
 * answered by {@code opened}, {@code text}, {@code closed}) and binary frames of a 4-byte channel id and one packet.
 * See {@link TunnelConnection} for the limits and {@link TunnelTargets} for where a tunnel may go.
 */
@ServerEndpoint("/tunnel/ws")
public class TunnelEndpoint {

    private static final Logger LOG = Logger.getLogger(TunnelEndpoint.class);
    static final int MAX_TEXT_BYTES = 300 * 1024;
    private static final int MAX_BINARY_BYTES = 4 + TunnelConnection.MAX_PACKET_BYTES;
    /** Media packets that may wait for a slow client before its newest ones are dropped. */
    private static final int BINARY_QUEUE = 512;
    private static final long HELLO_TIMEOUT_MILLIS = 10_000;
    /** The control channel inside keeps a tunnel busy (its keep-alive); a silent one is gone. */
    private static final long IDLE_MILLIS = 120_000;

    @Inject
    private ServerIdentity identity;

    @Inject
    private TunnelUpstreams upstreams;

    @EJB
    private LookupServices lookup;

    private Session session;
    private TunnelOutbound out;
    /** Set by the welcome (message thread), read by close and error callbacks too. */
    private volatile TunnelConnection connection;

    @OnOpen
    public void open(Session opened) throws IOException {
        session = opened;
        if (!identity.plays("tunnel")) {
            opened.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "this server is not an HTTP tunnel"));
            return;
        }
        opened.setMaxTextMessageBufferSize(MAX_TEXT_BYTES);
        opened.setMaxBinaryMessageBufferSize(MAX_BINARY_BYTES);
        opened.setMaxIdleTimeout(HELLO_TIMEOUT_MILLIS);
        out = new TunnelOutbound(new TunnelOutbound.Transport() {
            @Override
            public void sendText(String text, SendHandler handler) {
                opened.getAsyncRemote().sendText(text, handler);
            }

            @Override
            public void sendBinary(ByteBuffer frame, SendHandler handler) {
                opened.getAsyncRemote().sendBinary(frame, handler);
            }
        }, BINARY_QUEUE);
    }

    @OnMessage
    public void text(String text) throws IOException {
        TunnelMessage message = TunnelMessage.parse(text);
        if (connection == null) {
            hello(message);
            return;
        }
        if (message instanceof TunnelMessage.Request request) {
            connection.request(request);
        } else if (message instanceof TunnelMessage.Open open) {
            connection.open(open);
        } else if (message instanceof TunnelMessage.Text data) {
            connection.text(data);
        } else if (message instanceof TunnelMessage.Close close) {
            connection.close(close);
        } else if (message instanceof TunnelMessage.TooLarge tooLarge) {
            connection.tooLarge(tooLarge);
        } else if (message instanceof TunnelMessage.Invalid invalid) {
            connection.error(invalid.id(), "bad-message", invalid.reason());
        } else {
            connection.error(Optional.empty(), "bad-message", "hello was accepted already");
        }
    }

    @OnMessage
    public void binary(ByteBuffer frame) throws IOException {
        if (connection == null) {
            refuse("send hello with a join token first");
            return;
        }
        connection.binary(frame);
    }

    @OnClose
    public void closed(CloseReason reason) {
        if (connection != null) {
            connection.shutDown();
        }
    }

    @OnError
    public void failed(Throwable failure) {
        LOG.debugf("HTTP tunnel connection failed: %s", failure.toString());
        if (connection != null) {
            connection.shutDown();
        }
    }

    private void hello(TunnelMessage message) throws IOException {
        if (!(message instanceof TunnelMessage.Hello hello)) {
            refuse("send hello with a join token first");
            return;
        }
        JoinTokenSigner.Verification verification = lookup.signer().verify(hello.joinToken(), Instant.now());
        if (!verification.isValid()) {
            refuse(verification.status() == JoinTokenSigner.Status.EXPIRED
                    ? "the join token has expired; look the meeting up again" : "the join token is not valid");
            return;
        }
        connection = new TunnelConnection(upstreams, out, this::closeTunnel);
        session.setMaxIdleTimeout(IDLE_MILLIS);
        connection.send(TunnelReplies.welcome(identity.node()));
    }

    /** Before the welcome nothing else was sent, so the error can go synchronously before the close. */
    private void refuse(String reason) throws IOException {
        session.getBasicRemote().sendText(TunnelReplies.error(Optional.empty(), "unauthorized", reason));
        session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "unauthorized"));
    }

    private void closeTunnel(String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, reason));
        } catch (IOException | IllegalStateException e) {
            // already closing
        }
    }
}
