package org.confero.web.socket;

import jakarta.websocket.server.ServerEndpointConfig;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * A per-connection endpoint configuration for unit tests, user properties only. (The API's own builder needs the
 * container's default configurator, which only a server has.)
 */
public final class FakeEndpointConfig {

    private FakeEndpointConfig() {
    }

    public static ServerEndpointConfig create() {
        Map<String, Object> userProperties = new HashMap<>();
        return (ServerEndpointConfig) Proxy.newProxyInstance(FakeEndpointConfig.class.getClassLoader(),
                new Class<?>[] { ServerEndpointConfig.class }, (proxy, method, args) -> {
                    if (method.getName().equals("getUserProperties")) {
                        return userProperties;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
