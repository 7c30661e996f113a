package org.confero.client.media;

import java.util.List;
import java.util.Set;

/**
 * The order in which a media connection tries transports: UDP, TCP, WebSocket, minus what the options disable. With a
 * proxy only WebSocket is left: a proxy means the direct UDP and TCP paths are very likely blocked, and waiting for
 * their timeouts would cost the user five seconds per media type for nothing.
 */
public final class TransportPlan {

    private TransportPlan() {
    }

    public static List<Transport> order(Set<Transport> allowed, boolean proxied) {
        return List.of(Transport.values()).stream().filter(allowed::contains)
                .filter(t -> !proxied || t == Transport.WEBSOCKET).toList();
    }
}
