package org.confero.media.relay;

import org.confero.media.relay.transport.NioRelayTransport;
import org.confero.media.relay.transport.RelayTransport;

class NioRelayTransportTest extends AbstractRelayTransportTest {

    @Override
    protected RelayTransport transport() {
        return new NioRelayTransport();
    }
}
