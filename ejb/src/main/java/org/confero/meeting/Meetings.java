package org.confero.meeting;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.confero.common.PublicUrl;
import org.confero.common.api.Actor;
import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.confero.protocol.rest.MeetingRequest;
import org.confero.protocol.rest.MeetingView;
import org.confero.protocol.rest.PageView;
import org.confero.security.SecretHasher;
import org.confero.user.User;
import org.confero.user.Users;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Scheduling and managing meetings. Hosts see and change their own meetings; admins all of them. Invalid input comes
 * back as a {@link DomainException} naming the field, never as a server error.
 */
@Stateless
public class Meetings {

    private static final int NUMBER_ATTEMPTS = 10;

    @PersistenceContext(unitName = "confero")
    private EntityManager em;

    @Inject
    private Users users;

    @Inject
    @ConfigProperty(name = "confero.security.hash.iterations", defaultValue = "210000")
    int hashIterations;

    @Inject
    private PublicUrl publicUrl;

    /** Issue 23: the most attendees any webinar takes; a webinar may set a lower capacity of its own. */
    @Inject
    @ConfigProperty(name = "confero.webinar.max.attendees", defaultValue = "1000")
    int maxAttendees;

    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private SecretHasher hasher;

    @PostConstruct
    void init() {
        hasher = new SecretHasher(hashIterations);
    }

    public MeetingView schedule(Actor actor, MeetingRequest request) {
        if (request == null || request.topic() == null) {
            throw DomainException.invalid("topic is required");
        }
        User host = users.require(actor.username());
        MeetingType type = typeOf(request);
        Meeting meeting = new Meeting(freeNumber(), host, type, clock.instant());
        apply(meeting, request);
        em.persist(meeting);
        return MeetingViews.of(meeting, baseUrl());
    }

    public MeetingView get(Actor actor, MeetingNumber number) {
        return MeetingViews.of(owned(actor, number), baseUrl());
    }

    public MeetingView update(Actor actor, MeetingNumber number, MeetingRequest request) {
        if (request == null) {
            throw DomainException.invalid("a body with the fields to change is required");
        }
        Meeting meeting = owned(actor, number);
        if (meeting.state() == MeetingState.ENDED) {
            throw new DomainException(ProblemType.MEETING_ENDED, "meeting " + number + " has ended");
        }
        if ((request.type() != null || request.webinar() != null) && typeOf(request) != meeting.type()) {
            throw DomainException.invalid("type cannot change after scheduling");
        }
        apply(meeting, request);
        return MeetingViews.of(meeting, baseUrl());
    }

    public void delete(Actor actor, MeetingNumber number) {
        em.remove(owned(actor, number));
    }

    public PageView<MeetingView> list(Actor actor, int offset, int limit) {
        var query = actor.admin() ? em.createNamedQuery("Meeting.all", Meeting.class)
                : em.createNamedQuery("Meeting.byHost", Meeting.class).setParameter("host",
                        users.require(actor.username()));
        var count = actor.admin() ? em.createNamedQuery("Meeting.countAll", Long.class)
                : em.createNamedQuery("Meeting.countByHost", Long.class).setParameter("host",
                        users.require(actor.username()));
        var items = query.setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                .map(m -> MeetingViews.of(m, baseUrl())).toList();
        return new PageView<>(items, count.getSingleResult(), offset, limit);
    }

    /**
     * The first participant arrived on the control channel. A conditional bulk update: concurrent joins race here, and
     * only the first changes anything, without optimistic-lock failures for the others.
     */
    public void markStarted(MeetingNumber number) {
        em.createQuery("UPDATE Meeting m SET m.state = :started, m.version = m.version + 1 "
                + "WHERE m.id = :id AND m.state = :scheduled").setParameter("started", MeetingState.STARTED)
                .setParameter("scheduled", MeetingState.SCHEDULED).setParameter("id", number.value()).executeUpdate();
    }

    /** The host ended the meeting: no one may join it again. */
    public void markEnded(MeetingNumber number) {
        em.createQuery("UPDATE Meeting m SET m.state = :ended, m.version = m.version + 1 WHERE m.id = :id")
                .setParameter("ended", MeetingState.ENDED).setParameter("id", number.value()).executeUpdate();
    }

    /** A meeting by number for anyone (the lookup); empty when there is none. */
    public Optional<Meeting> find(MeetingNumber number) {
        return Optional.ofNullable(em.find(Meeting.class, number.value()));
    }

    private Meeting owned(Actor actor, MeetingNumber number) {
        Meeting meeting = find(number).orElseThrow(
                () -> new DomainException(ProblemType.MEETING_NOT_FOUND, "meeting " + number + " does not exist"));
        if (!actor.admin() && !meeting.isHostedBy(actor.username())) {
            // Same answer as for a meeting that does not exist: numbers of other hosts' meetings are not confirmed.
            throw new DomainException(ProblemType.MEETING_NOT_FOUND, "meeting " + number + " does not exist");
        }
        return meeting;
    }

    private void apply(Meeting meeting, MeetingRequest request) {
        try {
            if (request.topic() != null) {
                meeting.changeTopic(request.topic());
            }
            if (request.startTime() != null || request.durationMinutes() != null || request.timeZone() != null) {
                Duration duration = request.durationMinutes() == null ? meeting.duration()
                        : Duration.ofMinutes(request.durationMinutes());
                meeting.schedule(request.startTime() != null ? Optional.of(request.startTime()) : meeting.startTime(),
                        duration, request.timeZone() != null ? request.timeZone() : meeting.timeZone());
            }
            if (request.waitingRoom() != null || request.muteOnEntry() != null) {
                meeting.changeSettings(request.waitingRoom() != null ? request.waitingRoom() : meeting.waitingRoom(),
                        request.muteOnEntry() != null ? request.muteOnEntry() : meeting.muteOnEntry());
            }
            if (request.maxAttendees() != null) {
                meeting.limitAttendees(Optional.of(request.maxAttendees()), maxAttendees);
            }
            if (request.passcode() != null) {
                meeting.protectWith(request.passcode().isEmpty() ? Optional.empty() : Optional.of(request.passcode()),
                        hasher);
            }
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        } catch (IllegalStateException e) {
            throw new DomainException(ProblemType.MEETING_ENDED, e.getMessage());
        }
    }

    private MeetingNumber freeNumber() {
        for (int i = 0; i < NUMBER_ATTEMPTS; i++) {
            MeetingNumber candidate = MeetingNumber.random(random);
            if (em.find(Meeting.class, candidate.value()) == null) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free meeting number after " + NUMBER_ATTEMPTS + " attempts");
    }

    /** {@code type}, or {@code webinar: true|false}, or both when they agree; a meeting when neither is given. */
    private static MeetingType typeOf(MeetingRequest request) {
        Optional<MeetingType> byType = Optional.ofNullable(request.type()).map(Meetings::parseType);
        Optional<MeetingType> byFlag = Optional.ofNullable(request.webinar())
                .map(webinar -> webinar ? MeetingType.WEBINAR : MeetingType.MEETING);
        if (byType.isPresent() && byFlag.isPresent() && byType.get() != byFlag.get()) {
            throw DomainException.invalid("type '" + request.type() + "' contradicts webinar: " + request.webinar());
        }
        return byType.or(() -> byFlag).orElse(MeetingType.MEETING);
    }

    /** The attendee capacity of a webinar: its own, else the server's. */
    public int attendeeCapacity(Meeting meeting) {
        return meeting.maxAttendees().orElse(maxAttendees);
    }

    private static MeetingType parseType(String text) {
        try {
            return MeetingType.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("type must be meeting or webinar, was '" + text + "'");
        }
    }

    private String baseUrl() {
        return publicUrl.resolve("");
    }
}
