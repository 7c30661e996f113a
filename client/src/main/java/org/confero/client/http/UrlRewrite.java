package org.confero.client.http;

import java.util.List;
import java.util.Objects;

/**
 * Replaces a URL prefix the server hands out ({@code wss://localhost:8443}) with one this client can reach
 * ({@code ws://127.0.0.1:8180}): for development servers whose configured public URL is not where they listen, or a
 * port forward. Applied to zone controller, control and media URLs; the first matching rule wins.
 */
public record UrlRewrite(String fromPrefix, String toPrefix) {

    public UrlRewrite {
        Objects.requireNonNull(fromPrefix, "fromPrefix");
        Objects.requireNonNull(toPrefix, "toPrefix");
    }

    public static String apply(List<UrlRewrite> rules, String url) {
        for (UrlRewrite rule : rules) {
            if (url.startsWith(rule.fromPrefix)) {
                return rule.toPrefix + url.substring(rule.fromPrefix.length());
            }
        }
        return url;
    }
}
