package org.confero.web.socket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A WebSocket session for unit tests: user properties, open until closed, and the reason it was closed with. */
public final class FakeSession {

    private final Map<String, Object> userProperties = new HashMap<>();
    private CloseReason closedWith;
    private final Session session;

    public FakeSession(String id) {
        session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] { Session.class },
                (proxy, method, args) -> switch (method.getName()) {
                case "getUserProperties" -> userProperties;
                case "getId" -> id;
                case "isOpen" -> closedWith == null;
                case "close" -> {
                    if (closedWith == null) {
                        closedWith = args == null ? new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "")
                                : (CloseReason) args[0];
                    }
                    yield null;
                }
                case "toString" -> "FakeSession " + id;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A session whose upgrade request came from {@code clientAddress}. */
    public static FakeSession from(String id, String clientAddress) {
        FakeSession fake = new FakeSession(id);
        fake.userProperties.put(ClientAddressConfigurator.PROPERTY, clientAddress);
        return fake;
    }

    public Session session() {
        return session;
    }

    public Optional<CloseReason> closedWith() {
        return Optional.ofNullable(closedWith);
    }
}
