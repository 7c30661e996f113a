package org.confero.web.mmr;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.confero.media.api.MediaConnection.VirtualMediaSink;

/**
 * The relay's side of one WebSocket media connection: packets go to the connection's outbound queue, and when the relay
 * unbinds the participant (revoked, meeting closed, replaced) the WebSocket is closed at once with 1008 and the relay's
 * reason, so a removed participant stops receiving on this transport too (issue 18).
 */
final class WebSocketMediaSink implements VirtualMediaSink {

    private final Session session;
    private final OutboundFrames frames;

    WebSocketMediaSink(Session session, OutboundFrames frames) {
        this.session = session;
        this.frames = frames;
    }

    /** On relay I/O threads; never blocks (see {@link OutboundFrames}). */
    @Override
    public void accept(ByteBuffer packet) {
        frames.offer(packet);
    }

    @Override
    public void closed(String reason) {
        closeForPolicy(session, reason);
    }

    /**
     * Closes with 1008 (policy violation) and the reason: how the relay's refusals and unbindings reach the client.
     * Safe from any thread and on a session that is already closing.
     */
    static void closeForPolicy(Session session, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, reason));
        } catch (IOException | IllegalStateException e) {
            // already closed or closing: the client is gone either way
        }
    }
}
