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
 * {@link #joinPhases}) under the identity the connection joined as; admins read the latest per participant
 * ({@link #participants}) and the metrics get every kept report in their histograms.
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

    @Inject
    private ServerIdentity identity;

    @Inject
    @ConfigProperty(name = "confero.quality.max.participants", defaultValue = "10000")
    int maxParticipants;

    @Inject
    @ConfigProperty(name = "confero.quality.min.interval.ms", defaultValue = "1000")
    long minIntervalMillis;

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

    /** The participant left: its last report goes with it. */
    public void left(String meetingId, String participantId) {
        store.forget(meetingId, participantId);
    }

    /** The participants present here, with their transports now and their last report. */
    public ParticipantsView participants(String meetingId) {
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
        return new ParticipantsView(meetingId, identity.node(), views);
    }

    private static Double value(Optional<Double> value) {
        return value.filter(Double::isFinite).orElse(null);
    }
}
