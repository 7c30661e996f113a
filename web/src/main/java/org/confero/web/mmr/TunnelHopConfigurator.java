package org.confero.web.mmr;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;

import org.confero.router.TunnelHopProof;

/**
 * Keeps the {@link TunnelHopProof#HEADER} of a media WebSocket's upgrade request for the endpoint, which sees no
 * headers otherwise. The endpoint checks it with the cluster's key before it believes the connection came through an
 * HTTP tunnel server; the value alone proves nothing. User properties are a copy per connection (Jakarta WebSocket 2.1,
 * see {@link org.confero.web.socket.ClientAddressConfigurator}); the property is written on every handshake, an empty
 * string when the header is absent, so a connection never sees another's.
 */
public class TunnelHopConfigurator extends ServerEndpointConfig.Configurator {

    static final String PROPERTY = TunnelHopConfigurator.class.getName() + ".proof";

    /** The header's value as the upgrade request carried it; null when it had none. */
    static String claimedProof(Session session) {
        Object value = session.getUserProperties().get(PROPERTY);
        return value instanceof String s && !s.isEmpty() ? s : null;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        String value = "";
        for (var header : request.getHeaders().entrySet()) {
            if (header.getKey().equalsIgnoreCase(TunnelHopProof.HEADER)) {
                List<String> values = header.getValue();
                value = values == null || values.size() != 1 ? "" : values.get(0);
            }
        }
        config.getUserProperties().put(PROPERTY, value);
    }
}
