package org.confero.client;

import java.io.IOException;
import java.util.Optional;

import org.confero.protocol.rest.JoinInfoView;

/**
 * The HTTP tunnel: when no zone controller answers in time, ping every tunnel of the lookup and run the rest of the
 * connection process through the first that answers (ARCHITECTURE.md, special cases). A later issue implements it;
 * until then {@link #NONE} declines and the client reports the web client URL.
 */
@FunctionalInterface
public interface TunnelFallback {

    TunnelFallback NONE = (info, listener) -> Optional.empty();

    Optional<MeetingSession> connect(JoinInfoView info, ConnectionListener listener)
            throws IOException, InterruptedException;
}
