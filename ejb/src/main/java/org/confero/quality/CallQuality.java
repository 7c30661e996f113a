package org.confero.quality;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.confero.common.ServerIdentity;
import org.confero.control.ControlRooms;
import org.confero.metrics.ConferoMeters;
import org.confero.mmr.MediaPresence;
import org.confero.mmr.api.MediaConnectionView;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.ParticipantsView;
import org.confero.protocol.rest.ParticipantsView.MediaQualityView;
import org.confero.protocol.rest.ParticipantsView.ParticipantView;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Call quality on this router (issue 22): control connections hand in their participants' reports ({@link #report},
 * {@link #joinPhases}) under the identity the connection joined as; admins read the latest per participant of every
 * router ({@link #participants}, this router's rows and the others' from the cluster) and the metrics get every kept
 * report in their histograms.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CallQuality {

    @EJB
    private ConferoMeters meters;

    @EJB
    private ControlRooms rooms;

    @EJB
    private MediaPresence presence;

    @EJB
    private ClusterParticipants cluster;

    @Inject
    private ServerIdentity identity;

    @Inject
    @ConfigProperty(name = "confero.quality.max.participants", defaultValue = "10000")
    int maxParticipants;

    @Inject
    @ConfigProperty(name = "confero.quality.min.interval.ms", defaultValue = "1000")
    long minIntervalMillis;

    @Inject
    @ConfigProperty(name = "confero.quality.publish.ms", defaultValue = "2000")
    long publishMillis;

    private QualityStore store;

    @PostConstruct
    void start() {
        store = new QualityStore(maxParticipants, Duration.ofMillis(minIntervalMillis), Clock.systemUTC());
    }

    /** A {@code quality} message of the participant; false when refused (malformed) or ignored (too soon). */
    public boolean report(String meetingId, String participantId, JsonObject message) {
        Optional<QualityReport> report = QualityReport.parse(message);
        if (report.isEmpty()) {
            return false;
        }
        if (!store.offer(meetingId, participantId, report.get())) {
            return true; // well-formed, within the minimum interval: not kept, not an error
        }
        report.get().media()
                .forEach((type, quality) -> meters.quality(type, quality.loss(), quality.jitterMs(), quality.rttMs()));
        return true;
    }

    /** A {@code join-phases} message; counted once per participant. False when malformed. */
    public boolean joinPhases(String meetingId, String participantId, JsonObject message) {
        Optional<JoinPhases> phases = JoinPhases.parse(message);
        if (phases.isEmpty()) {
            return false;
        }
        if (store.firstJoinReport(meetingId, participantId)) {
            phases.get().seconds().forEach(meters::joinPhase);
        }
        return true;
    }

    /** The participant left: its last report goes with it, here and in the cluster's view. */
    public void left(String meetingId, String participantId) {
        store.forget(meetingId, participantId);
        try {
            cluster.remove(meetingId, participantId);
        } catch (RuntimeException e) {
            // The cache is unavailable for a moment: the publisher removes the row at its next tick.
        }
    }

    /**
     * The meeting's participants on every router (issue 22): this router's own rows as they are now, and the rows the
     * other routers published in the replicated {@code participants} cache within their lifespan. This router's come
     * first in joining order, then the others' by router and name. A {@code web} server has no rows of its own and
     * shows the routers'.
     */
    public ParticipantsView participants(String meetingId) {
        List<ParticipantView> mine = localRows(meetingId);
        List<ParticipantView> all = new java.util.ArrayList<>(mine);
        java.time.Instant freshAfter = java.time.Instant.now().minus(ParticipantsPublisher.lifespan(publishMillis));
        java.util.Set<String> listed = new java.util.HashSet<>();
        mine.forEach(p -> listed.add(p.id()));
        try {
            cluster.ofMeeting(meetingId, freshAfter).stream().map(ParticipantRecord::row)
                    .filter(p -> !p.router().equals(identity.node()) && listed.add(p.id()))
                    .sorted(java.util.Comparator.comparing(ParticipantView::router).thenComparing(ParticipantView::name)
                            .thenComparing(ParticipantView::id))
                    .forEach(all::add);
        } catch (RuntimeException e) {
            // The cache is unavailable for a moment: this router's own participants are still worth showing.
        }
        return new ParticipantsView(meetingId, identity.node(), all);
    }

    /** The participants present here, with their transports now and their last report. */
    public List<ParticipantView> localRows(String meetingId) {
        Map<String, Map<MediaType, String>> transports = new HashMap<>();
        for (MediaConnectionView connection : presence.ofMeeting(meetingId)) {
            transports.computeIfAbsent(connection.participantId(), p -> new LinkedHashMap<>())
                    .put(connection.mediaType(), connection.transport());
        }
        List<ParticipantView> views = rooms.presentParticipants(meetingId).stream().map(roster -> {
            String id = roster.getString("id");
            Optional<QualityStore.Latest> latest = store.latest(meetingId, id);
            Map<MediaType, String> bound = transports.getOrDefault(id, Map.of());
            Map<String, MediaQualityView> media = new LinkedHashMap<>();
            for (MediaType type : MediaType.values()) {
                Optional<QualityReport.MediaQuality> q = latest.map(l -> l.report().media().get(type));
                media.put(type.name().toLowerCase(Locale.ROOT),
                        new MediaQualityView(bound.getOrDefault(type, "none"),
                                value(q.map(QualityReport.MediaQuality::loss)),
                                value(q.map(QualityReport.MediaQuality::jitterMs)),
                                value(q.map(QualityReport.MediaQuality::rttMs))));
            }
            return new ParticipantView(id, roster.getString("name", ""), identity.node(), identity.zone(),
                    latest.map(l -> l.report().clientKind()).orElse("unknown"),
                    bound.getOrDefault(MediaType.AUDIO, "none"), media,
                    latest.map(QualityStore.Latest::at).orElse(null));
        }).toList();
        return views;
    }

    private static Double value(Optional<Double> value) {
        return value.filter(Double::isFinite).orElse(null);
    }
}
