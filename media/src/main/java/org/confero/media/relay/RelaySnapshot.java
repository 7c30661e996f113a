package org.confero.media.relay;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The relay as {@link MediaRelay#status()} sees it: life-cycle state with a human-readable detail, the transport in
 * use, the bound addresses (ephemeral ports resolved), and totals.
 */
public record RelaySnapshot(State state, String detail, String transport, Optional<InetSocketAddress> udpAddress,
        Optional<InetSocketAddress> tcpAddress, int udpSockets, int meetings, int endpoints, CounterSnapshot totals) {

    public enum State {
        STOPPED, RUNNING,
        /** The last start failed; {@code detail} says why (for example which port was taken). */
        FAILED
    }

    public RelaySnapshot {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(udpAddress, "udpAddress");
        Objects.requireNonNull(tcpAddress, "tcpAddress");
        Objects.requireNonNull(totals, "totals");
    }
}
