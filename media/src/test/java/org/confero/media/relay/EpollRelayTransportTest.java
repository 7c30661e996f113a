package org.confero.media.relay;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;

import org.confero.media.relay.transport.EpollRelayTransport;
import org.confero.media.relay.transport.RelayTransport;
import org.junit.jupiter.api.BeforeAll;

class EpollRelayTransportTest extends AbstractRelayTransportTest {

    @BeforeAll
    static void needsEpoll() {
        assumeTrue(Epoll.isAvailable(), "native epoll is not available here");
    }

    @Override
    protected RelayTransport transport() {
        return new EpollRelayTransport();
    }
}
