package org.confero.limits;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

/** A MicroProfile Config of fixed properties, enough for {@code getOptionalValue} of integers. */
final class MapConfig {

    private MapConfig() {
    }

    static Config of(Map<String, String> properties) {
        return (Config) Proxy.newProxyInstance(MapConfig.class.getClassLoader(), new Class<?>[] { Config.class },
                (proxy, method, args) -> {
                    if (!method.getName().equals("getOptionalValue") || args[1] != Integer.class) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return Optional.ofNullable(properties.get((String) args[0])).map(Integer::valueOf);
                });
    }
}
