package org.confero.web.socket;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Optional;

/**
 * Gives a WebSocket session the client address of its upgrade request, which the WebSocket API does not expose (a
 * {@link HandshakeRequest} has headers but no peer). A servlet filter on the upgrade request, ordered after the
 * trusted-proxy filter, knows the address; it publishes it with {@link #upgrading(String)} while the rest of the chain
 * runs. Undertow performs the handshake inside that chain, on the same thread (its WebSocket filter is the last one),
 * and calls {@link #modifyHandshake} there, which copies the address into the connection's user properties — a copy per
 * connection (Jakarta WebSocket 2.1; Undertow since UNDERTOW-2065), so that concurrent handshakes cannot mix them up.
 * The session then carries it as {@link #clientAddress(Session)}.
 *
 * <p>
 * Endpoints name this class as their {@code configurator}; everything else (endpoint instances with their injection,
 * origin checks) stays the container's default.
 */
public class ClientAddressConfigurator extends ServerEndpointConfig.Configurator {

    static final String PROPERTY = ClientAddressConfigurator.class.getName() + ".clientAddress";

    private static final ThreadLocal<String> UPGRADING = new ThreadLocal<>();

    /** While the returned scope is open, a handshake on this thread is from {@code clientAddress}. */
    public static Scope upgrading(String clientAddress) {
        UPGRADING.set(clientAddress);
        return UPGRADING::remove;
    }

    /** The client address after trusted proxies, as the upgrade request's filter resolved it. */
    public static Optional<String> clientAddress(Session session) {
        return Optional.ofNullable(session.getUserProperties().get(PROPERTY)).map(String.class::cast);
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        String address = UPGRADING.get();
        if (address != null) {
            config.getUserProperties().put(PROPERTY, address);
        }
    }

    /** The span of one upgrade request; closing it forgets the address (threads are pooled). */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
