package org.confero.client.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLContext;

/** Builds the one {@link HttpClient} a client uses for REST, probes and WebSockets, so trust and proxy agree. */
public final class HttpTransport {

    private HttpTransport() {
    }

    public static HttpClient client(Optional<SSLContext> tls, Optional<ProxyConfiguration> proxy,
            Duration connectTimeout, Executor executor) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout).executor(executor)
                // Redirects would carry the passcode header to wherever the redirect points.
                .followRedirects(HttpClient.Redirect.NEVER);
        tls.ifPresent(builder::sslContext);
        proxy.ifPresent(p -> builder.proxy(p.selector()));
        return builder.build();
    }
}
