package org.confero.media.api;

import java.util.Map;

/**
 * The relay's counters at one moment. Every received packet is exactly one of relayed media, control (STUN the relay
 * acted on) or an inbound drop; {@code dropped} holds inbound and outbound drops by reason (for example
 * {@code UNBOUND_SENDER}, {@code BAD_TOKEN}, {@code QUEUE_FULL}).
 */
public record RelayStatistics(long packetsIn, long bytesIn, long mediaPacketsIn, long controlPacketsIn, long packetsOut,
        long bytesOut, long controlPacketsOut, Map<String, Long> dropped) {

    public RelayStatistics {
        dropped = Map.copyOf(dropped);
    }

    public long dropped(String reason) {
        return dropped.getOrDefault(reason, 0L);
    }
}
