package org.confero.media.relay;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

import org.confero.media.relay.transport.RelayTransport;

/**
 * A relay started on loopback with the tests' default configuration and one meeting open, as several relay tests set it
 * up before each test; closing it stops the relay and its executor.
 */
final class RunningRelay implements AutoCloseable {

    final ExecutorService executor;
    final MediaRelay relay;
    final InetSocketAddress udp;
    final InetSocketAddress tcp;

    RunningRelay(String threadName, byte[] key, RelayListener listener, Clock clock, String meeting) {
        executor = RelayTestSupport.executor(threadName);
        relay = new MediaRelay(RelayTestSupport.config().build(), key, executor, listener, RelayTransport.best(),
                clock);
        relay.start();
        relay.openMeeting(meeting);
        udp = relay.status().udpAddress().orElseThrow();
        tcp = relay.status().tcpAddress().orElseThrow();
    }

    @Override
    public void close() {
        relay.stop();
        executor.shutdownNow();
    }
}
