package org.confero.media.ra;

import java.util.LinkedHashMap;
import java.util.Map;

import org.confero.media.api.RelayStatistics;
import org.confero.media.api.RelayStatus;
import org.confero.media.relay.CounterSnapshot;
import org.confero.media.relay.DropReason;
import org.confero.media.relay.RelaySnapshot;

/** The relay core's types as the API shows them: callers never see core classes, which stay inside the .rar. */
final class RelayViews {

    private RelayViews() {
    }

    static RelayStatus status(RelaySnapshot snapshot) {
        RelayStatus.State state = switch (snapshot.state()) {
        case RUNNING -> RelayStatus.State.RUNNING;
        case FAILED -> RelayStatus.State.FAILED;
        case STOPPED -> RelayStatus.State.STOPPED;
        };
        return new RelayStatus(state, snapshot.detail());
    }

    static RelayStatistics statistics(CounterSnapshot counters) {
        Map<String, Long> dropped = new LinkedHashMap<>();
        for (DropReason reason : DropReason.values()) {
            long count = counters.dropped(reason);
            if (count > 0) {
                dropped.put(reason.name(), count);
            }
        }
        return new RelayStatistics(counters.packetsIn(), counters.bytesIn(), counters.mediaIn(), counters.controlIn(),
                counters.packetsOut(), counters.bytesOut(), counters.controlOut(), dropped);
    }

    static java.util.List<org.confero.media.api.MediaBindingCount> bindings(
            org.confero.media.relay.BindingCensus census) {
        java.util.List<org.confero.media.api.MediaBindingCount> counts = new java.util.ArrayList<>();
        for (org.confero.protocol.media.MediaType type : org.confero.protocol.media.MediaType.values()) {
            for (String transport : org.confero.media.api.MediaBindingCount.TRANSPORTS) {
                counts.add(new org.confero.media.api.MediaBindingCount(type, transport, census.count(type, transport)));
            }
        }
        return counts;
    }
}
