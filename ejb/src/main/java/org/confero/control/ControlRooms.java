package org.confero.control;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.confero.lookup.LookupServices;
import org.confero.media.api.MediaConnection;
import org.confero.meeting.Meeting;
import org.confero.mmr.LocalRelay;
import org.confero.meeting.MeetingNumber;
import org.confero.meeting.MeetingState;
import org.confero.meeting.Meetings;
import org.confero.protocol.join.JoinToken;
import org.confero.protocol.join.JoinTokenSigner;
import org.confero.router.MeetingPlacements;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The control rooms of the meetings this router carries. Joins are admitted by the join token the lookup issued (its
 * passcode check already passed); the meeting's waiting-room and mute-on-entry settings come from the database.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Rooms live in memory; the few database writes (meeting started/ended) run in transactions of their own.
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
public class ControlRooms {

    private static final Logger LOG = Logger.getLogger(ControlRooms.class);

    @EJB
    private LookupServices lookup;

    @EJB
    private Meetings meetings;

    @EJB
    private MeetingPlacements placements;

    @Inject
    @ConfigProperty(name = "confero.control.resume.grace.seconds", defaultValue = "30")
    int graceSeconds;

    private final Map<String, ControlRoom> rooms = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /** The outcome of a join: the room and who joined, or why not. */
    public record Joined(ControlRoom room, String meetingId, String participantId) {
    }

    public Optional<Joined> join(String joinTokenText, ControlSink sink) {
        JoinTokenSigner.Verification verification = lookup.signer().verify(joinTokenText, clock.instant());
        if (!verification.isValid()) {
            sink.send(ControlRoom.error("unauthenticated", verification.status() == JoinTokenSigner.Status.EXPIRED
                    ? "the join token has expired; look the meeting up again" : "the join token is not valid"));
            return Optional.empty();
        }
        JoinToken token = verification.token().orElseThrow();
        Optional<MeetingNumber> number = MeetingNumber.parse(token.meetingId());
        Optional<Meeting> meeting = number.flatMap(meetings::find);
        if (meeting.isEmpty() || meeting.get().state() == MeetingState.ENDED) {
            sink.send(ControlRoom.error("meeting-ended", "the meeting does not exist any more or has ended"));
            return Optional.empty();
        }
        ControlRoom room = rooms.computeIfAbsent(token.meetingId(),
                id -> new ControlRoom(id, meeting.get().waitingRoom(), meeting.get().muteOnEntry(),
                        Duration.ofSeconds(graceSeconds), clock, new RoomEffects()));
        room.join(token.participantId(), token.displayName(), token.role() == JoinToken.Role.HOST, sink);
        meetings.markStarted(number.get());
        return Optional.of(new Joined(room, token.meetingId(), token.participantId()));
    }

    public Optional<Joined> resume(String meetingId, String sessionId, String resumeToken, String participantId,
            ControlSink sink) {
        ControlRoom room = rooms.get(meetingId);
        if (room != null && room.resume(sessionId, resumeToken, sink)) {
            return Optional.of(new Joined(room, meetingId, participantId));
        }
        return Optional.empty();
    }

    /** The relay's view of a participant's media (consent lost, bound again) shown in the roster. */
    public void mediaState(String meetingId, String participantId, boolean lost) {
        ControlRoom room = rooms.get(meetingId);
        if (room != null) {
            room.mediaState(participantId, lost);
        }
    }

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    void expire() {
        rooms.values().forEach(ControlRoom::expireReconnecting);
    }

    private final class RoomEffects implements ControlRoom.Effects {
        @Override
        public void revokeMedia(String meetingId, String participantId) {
            withRelay(relay -> relay.revoke(meetingId, participantId));
        }

        @Override
        public void meetingEnded(String meetingId) {
            MeetingNumber.parse(meetingId).ifPresent(meetings::markEnded);
            withRelay(relay -> relay.closeMeeting(meetingId));
            placements.remove(meetingId);
            rooms.remove(meetingId);
        }
    }

    private static void withRelay(java.util.function.Consumer<MediaConnection> action) {
        try (MediaConnection relay = LocalRelay.connect()) {
            action.accept(relay);
        } catch (Exception e) {
            LOG.warnf("Relay action failed: %s", e.toString());
        }
    }
}
