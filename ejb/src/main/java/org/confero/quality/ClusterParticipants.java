package org.confero.quality;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.confero.cluster.ClusterCaches;
import org.infinispan.Cache;

/**
 * The participants view's rows of every router (issue 22), in the replicated {@code participants} cache: routers write
 * their own participants' rows (see {@link ParticipantsPublisher}), any server reads a meeting's. The cache is bounded
 * by the CLI scripts (heap size) and every entry carries a lifespan.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ClusterParticipants {

    @Resource(lookup = ClusterCaches.JNDI_PREFIX + ClusterCaches.PARTICIPANTS)
    private Cache<String, String> rows;

    /** One row as {@link RowPublisher} writes it: {@code key} from {@link ParticipantRecord#key()}. */
    public void put(String key, String value, Duration lifespan) {
        rows.put(key, value, lifespan.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void removeRow(String key) {
        rows.remove(key);
    }

    /** The meeting's rows published since {@code freshAfter}, of every router; unreadable ones skipped. */
    public List<ParticipantRecord> ofMeeting(String meetingId, Instant freshAfter) {
        String prefix = ParticipantRecord.prefix(meetingId);
        List<ParticipantRecord> found = new ArrayList<>();
        // A replicated cache holds every entry locally: this scan reads memory, bounded by the cache's size.
        for (Map.Entry<String, String> entry : rows.entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                ParticipantRecord.decode(entry.getValue()).filter(r -> r.publishedAt().isAfter(freshAfter))
                        .ifPresent(found::add);
            }
        }
        return found;
    }

    /** A participant that left: its row goes at once rather than at the next publish. */
    public void remove(String meetingId, String participantId) {
        removeRow(ParticipantRecord.key(meetingId, participantId));
    }
}
