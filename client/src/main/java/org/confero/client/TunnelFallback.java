package org.confero.client;

import java.io.IOException;
import java.util.Optional;

import org.confero.client.control.ControlListener;
import org.confero.protocol.rest.JoinInfoView;

/**
 * The HTTP tunnel: when no zone controller answers in time, ping every tunnel of the lookup and run the rest of the
 * connection process through the first that answers (ARCHITECTURE.md, special cases). {@code HttpTunnel} is the real
 * one and the client's default; {@link #NONE} declines, and the client then reports the web client URL.
 */
@FunctionalInterface
public interface TunnelFallback {

    TunnelFallback NONE = (info, listener, control) -> Optional.empty();

    /** Empty when no tunnel could be used; the session when the whole process completed through one. */
    Optional<MeetingSession> connect(JoinInfoView info, ConnectionListener listener, ControlListener control)
            throws IOException, InterruptedException;
}
