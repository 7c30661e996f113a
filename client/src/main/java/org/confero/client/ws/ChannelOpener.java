package org.confero.client.ws;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Opens message channels to {@code ws(s)://} URLs: directly ({@link JdkWebSockets}) or through an HTTP tunnel. */
@FunctionalInterface
public interface ChannelOpener {

    CompletableFuture<MessageChannel> open(URI url, Duration timeout, MessageListener listener);
}
