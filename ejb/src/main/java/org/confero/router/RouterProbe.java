package org.confero.router;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/**
 * Whether the zone controller itself reaches a router a client reported as unreachable: a TCP connection to the port of
 * its control URL. A killed server's port refuses at once; a partitioned one times out.
 */
final class RouterProbe {

    private RouterProbe() {
    }

    static boolean reachable(RouterLoad router, Duration timeout) {
        URI control = URI.create(router.controlUrl());
        int port = control.getPort() > 0 ? control.getPort() : "https".equals(control.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(control.getHost(), port), (int) timeout.toMillis());
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
