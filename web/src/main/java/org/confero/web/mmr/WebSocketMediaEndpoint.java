package org.confero.web.mmr;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;

import org.confero.media.api.AttachRefusedException;
import org.confero.media.api.MediaConnection;
import org.confero.media.api.MediaConnection.VirtualMediaPort;
import org.confero.mmr.LocalRelay;
import org.confero.protocol.media.MediaToken;
import org.confero.router.MediaKeys;
import org.jboss.logging.Logger;

/**
 * Media over WebSocket/TLS (the 443 fallback): one connection per media type. The first message is a text frame
 * {@code {"token":"…","password":"…"}} with the media credentials the client was given (a browser cannot set headers on
 * a WebSocket, and URLs end up in logs); after {@code {"type":"bound"}} every binary frame is one RTP/RTCP packet, both
 * ways; the one text frame a bound connection may send is a round-trip probe ({@link MediaProbe}), answered in line
 * with the media. Anything else closes the connection with a reason; it never takes the server down.
 *
 * <p>
 * Issue 18: the relay refuses these credentials exactly as it refuses them on UDP or TCP (revoked, issued before the
 * meeting closed, over the bind rate), and closes the WebSocket with 1008 and its reason as soon as it unbinds the
 * participant ({@link WebSocketMediaSink}).
 *
 * <p>
 * Issue 22: a connection an HTTP tunnel server opened for its client carries the tunnel's proof
 * ({@link org.confero.router.TunnelHopProof}); the relay then counts it as {@code tunnel}. Without a valid proof it is
 * {@code websocket}, whatever else the request says.
 */
@ServerEndpoint(value = "/api/v1/mmr/media", configurator = TunnelHopConfigurator.class)
public class WebSocketMediaEndpoint {

    private static final Logger LOG = Logger.getLogger(WebSocketMediaEndpoint.class);
    private static final int MAX_PACKET = 1500;
    private static final int MAX_AUTH_CHARS = 2048;
    private static final int QUEUE_LIMIT = 512;
    private static final long AUTH_TIMEOUT_MILLIS = 10_000;

    @EJB
    private MediaKeys keys;

    /** Volatile: the relay may close the session (and so detach) from its own threads. */
    private volatile VirtualMediaPort port;
    private OutboundFrames frames;
    private final MediaProbe probe = new MediaProbe();

    @OnOpen
    public void open(Session session) {
        session.setMaxBinaryMessageBufferSize(MAX_PACKET);
        session.setMaxTextMessageBufferSize(MAX_AUTH_CHARS);
        // Until bound, the connection must authenticate promptly; afterwards media keeps it busy.
        session.setMaxIdleTimeout(AUTH_TIMEOUT_MILLIS);
    }

    @OnMessage
    public void text(Session session, String message) throws IOException {
        if (port != null) {
            Optional<Long> probeId = MediaProbe.probeId(message);
            if (probeId.isEmpty()) {
                close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "already bound; media goes in binary frames");
                return;
            }
            probe.answer(probeId.get(), message.length(), System.nanoTime()).ifPresent(frames::offerText);
            return;
        }
        Optional<MediaToken> token = credentials(message)
                .flatMap(c -> keys.verify(c.getString("token", null), c.getString("password", null), Instant.now()));
        if (token.isEmpty()) {
            close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "invalid, expired or forged media credentials");
            return;
        }
        MediaToken media = token.get();
        frames = new OutboundFrames(session.getAsyncRemote(), QUEUE_LIMIT);
        WebSocketMediaSink sink = new WebSocketMediaSink(session, frames);
        try (MediaConnection relay = LocalRelay.connect()) {
            // Issue 23: a webinar attendee's receive-only flag comes from the signed token, as on UDP and TCP.
            MediaConnection.VirtualPath path = keys.isTunnelHop(TunnelHopConfigurator.claimedProof(session))
                    ? MediaConnection.VirtualPath.TUNNEL : MediaConnection.VirtualPath.WEBSOCKET;
            port = relay.attachVirtualEndpoint(media.meetingId(), media.participantId(), media.mediaType(),
                    media.issuedAt(), media.receiveOnly(), path, sink);
        } catch (AttachRefusedException e) {
            WebSocketMediaSink.closeForPolicy(session, e.reason().text());
            return;
        } catch (IllegalStateException | LocalRelay.Unavailable e) {
            close(session, CloseReason.CloseCodes.TRY_AGAIN_LATER, "this router cannot take the media now");
            return;
        }
        session.setMaxIdleTimeout(0);
        session.getBasicRemote()
                .sendText("{\"type\":\"bound\",\"meetingId\":\"" + media.meetingId() + "\",\"participantId\":\""
                        + media.participantId() + "\",\"mediaType\":\""
                        + media.mediaType().name().toLowerCase(java.util.Locale.ROOT) + "\"}");
    }

    @OnMessage
    public void binary(Session session, ByteBuffer packet) throws IOException {
        VirtualMediaPort current = port;
        if (current == null) {
            close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "send the credentials first");
            return;
        }
        if (!current.isBound()) {
            // The relay has closed the session with its reason already; this only covers a frame that raced it.
            WebSocketMediaSink.closeForPolicy(session, "no longer in the meeting");
            return;
        }
        current.send(packet);
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        detach();
    }

    @OnError
    public void failed(Session session, Throwable failure) {
        LOG.debugf("WebSocket media connection failed: %s", failure.toString());
        detach();
    }

    private void detach() {
        VirtualMediaPort current = port;
        port = null;
        if (current != null) {
            current.close();
        }
    }

    private static Optional<JsonObject> credentials(String message) {
        try (JsonReader reader = Json.createReader(new StringReader(message))) {
            return Optional.of(reader.readObject());
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static void close(Session session, CloseReason.CloseCodes code, String reason) throws IOException {
        session.close(new CloseReason(code, reason));
    }
}
