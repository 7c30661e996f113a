package org.confero.metrics;

import java.util.List;
import java.util.Map;

import org.confero.media.api.MediaBindingCount;
import org.confero.media.api.RelayStatistics;
import org.confero.protocol.media.MediaType;

/**
 * This server's state at one moment, as the gauges show it until the next sample: a scrape reads fields, never the
 * relay or the rooms.
 *
 * @param relayUp
 *            false when this server has no running relay (not a router, or its relay is down): the relay's series then
 *            keep their last values
 */
public record ServerSample(int meetings, int participants, int cascadeLinks, boolean relayUp,
        List<MediaBindingCount> bindings, Map<MediaType, RelayStatistics> byMediaType, RelayStatistics relay) {

    static final ServerSample EMPTY = new ServerSample(0, 0, 0, false, List.of(), Map.of(),
            new RelayStatistics(0, 0, 0, 0, 0, 0, 0, Map.of()));

    int bindings(MediaType type, String transport) {
        for (MediaBindingCount count : bindings) {
            if (count.mediaType() == type && count.transport().equals(transport)) {
                return count.count();
            }
        }
        return 0;
    }
}
