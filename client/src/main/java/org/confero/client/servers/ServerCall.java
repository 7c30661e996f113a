package org.confero.client.servers;

import java.io.IOException;
import java.net.URI;

/** One HTTP exchange with a Confero server, given the server's base URL ({@code https://host:port}). */
@FunctionalInterface
public interface ServerCall<T> {

    T call(URI server) throws IOException, InterruptedException;
}
