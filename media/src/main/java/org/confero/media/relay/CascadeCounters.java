package org.confero.media.relay;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.confero.media.api.CascadeTraffic;
import org.confero.protocol.media.MediaType;

/**
 * Issue 23: what crossed the cascade links, per media type, for the whole relay: packets from links (in) and copies
 * into links (out). With the full mesh and no link-to-link forwarding, a packet of this router's participant is counted
 * out once per link, so out / in of the senders' router is the fan-out over routers. Indexed by ordinal: the hot path
 * only adds to existing adders.
 */
final class CascadeCounters {

    private static final MediaType[] TYPES = MediaType.values();

    private final LongAdder[] packetsIn = adders();
    private final LongAdder[] bytesIn = adders();
    private final LongAdder[] packetsOut = adders();
    private final LongAdder[] bytesOut = adders();

    /** Hot path: a packet that came from a link. */
    void fromLink(MediaType type, int length) {
        packetsIn[type.ordinal()].increment();
        bytesIn[type.ordinal()].add(length);
    }

    /** Hot path: once per packet, the copies of it that went into links. */
    void intoLinks(MediaType type, long copies, long bytes) {
        if (copies > 0) {
            packetsOut[type.ordinal()].add(copies);
            bytesOut[type.ordinal()].add(bytes);
        }
    }

    Map<MediaType, CascadeTraffic> snapshot() {
        Map<MediaType, CascadeTraffic> traffic = new EnumMap<>(MediaType.class);
        for (MediaType type : TYPES) {
            int i = type.ordinal();
            traffic.put(type,
                    new CascadeTraffic(packetsIn[i].sum(), bytesIn[i].sum(), packetsOut[i].sum(), bytesOut[i].sum()));
        }
        return traffic;
    }

    private static LongAdder[] adders() {
        LongAdder[] adders = new LongAdder[TYPES.length];
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }
}
