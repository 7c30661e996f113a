package org.confero.meeting;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

import org.confero.security.HashedSecret;
import org.confero.security.SecretHasher;
import org.confero.user.User;

/**
 * A meeting or webinar, owned by its host.
 *
 * <p>
 * Life cycle: created SCHEDULED; {@link #start} when the first participant joins (STARTED); {@link #end} by the host
 * (ENDED, final: an ended meeting accepts no one and cannot be rescheduled). The passcode is stored only as a slow
 * salted hash; {@link #acceptsPasscode} is the one way to check it.
 */
@Entity
@Table(name = "meetings")
@NamedQuery(name = "Meeting.byHost", query = "SELECT m FROM Meeting m WHERE m.host = :host ORDER BY m.createdAt DESC, m.id")
@NamedQuery(name = "Meeting.countByHost", query = "SELECT COUNT(m) FROM Meeting m WHERE m.host = :host")
@NamedQuery(name = "Meeting.all", query = "SELECT m FROM Meeting m ORDER BY m.createdAt DESC, m.id")
@NamedQuery(name = "Meeting.countAll", query = "SELECT COUNT(m) FROM Meeting m")
public class Meeting {

    public static final Duration MAX_DURATION = Duration.ofHours(24);

    @Id
    private Long id;

    @Column(nullable = false, length = 200)
    private String topic;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "host_id", nullable = false)
    private User host;

    @Column(name = "start_time")
    private Instant startTime;

    @Column(name = "duration_minutes", nullable = false)
    private int durationMinutes;

    @Column(name = "time_zone", nullable = false, length = 64)
    private String timeZone;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private MeetingType type;

    @Column(name = "passcode_hash", length = 200)
    private String passcodeHash;

    @Column(name = "waiting_room", nullable = false)
    private boolean waitingRoom;

    @Column(name = "mute_on_entry", nullable = false)
    private boolean muteOnEntry;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private MeetingState state;

    /** A webinar's own attendee capacity; null takes the server's ({@code confero.webinar.max.attendees}). */
    @Column(name = "max_attendees")
    private Integer maxAttendees;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Meeting() {
        // for JPA
    }

    public Meeting(MeetingNumber number, User host, MeetingType type, Instant now) {
        this.id = Objects.requireNonNull(number, "number").value();
        this.host = Objects.requireNonNull(host, "host");
        this.type = Objects.requireNonNull(type, "type");
        this.state = MeetingState.SCHEDULED;
        this.createdAt = Objects.requireNonNull(now, "now");
        this.topic = "Meeting";
        this.durationMinutes = 60;
        this.timeZone = "UTC";
    }

    public void changeTopic(String newTopic) {
        if (newTopic == null || newTopic.isBlank() || newTopic.length() > 200) {
            throw new IllegalArgumentException("topic must be 1-200 characters");
        }
        this.topic = newTopic.strip();
    }

    /**
     * @param start
     *            empty for a meeting without a fixed time (it can start whenever someone joins)
     */
    public void schedule(Optional<Instant> start, Duration duration, String zone) {
        requireNotEnded();
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration must be 1 minute to 24 hours");
        }
        try {
            this.timeZone = ZoneId.of(zone).getId();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + zone + "'");
        }
        this.startTime = start.orElse(null);
        this.durationMinutes = (int) Math.max(1, duration.toMinutes());
    }

    public void changeSettings(boolean useWaitingRoom, boolean muteParticipantsOnEntry) {
        this.waitingRoom = useWaitingRoom;
        this.muteOnEntry = muteParticipantsOnEntry;
    }

    /**
     * Sets (or, with an empty value, removes) the passcode: up to 10 characters of letters, digits and {@code @-_*}.
     */
    public void protectWith(Optional<String> passcode, SecretHasher hasher) {
        if (passcode.isEmpty()) {
            this.passcodeHash = null;
            return;
        }
        String code = passcode.get();
        if (code.isEmpty() || code.length() > 10 || !code.chars().allMatch(
                c -> Character.isLetterOrDigit(c) && c < 128 || c == '@' || c == '-' || c == '_' || c == '*')) {
            throw new IllegalArgumentException("passcode must be 1-10 letters, digits or @ - _ *");
        }
        this.passcodeHash = hasher.hash(code.toCharArray()).encoded();
    }

    /**
     * Issue 23: at most {@code capacity} attendees (1 to {@code serverMaximum}) may watch this webinar at once; empty
     * takes the server's maximum. Meetings have no attendees.
     */
    public void limitAttendees(Optional<Integer> capacity, int serverMaximum) {
        if (capacity.isPresent() && type != MeetingType.WEBINAR) {
            throw new IllegalArgumentException("maxAttendees is for webinars only");
        }
        if (capacity.isPresent() && (capacity.get() < 1 || capacity.get() > serverMaximum)) {
            throw new IllegalArgumentException("maxAttendees must be 1 to " + serverMaximum);
        }
        this.maxAttendees = capacity.orElse(null);
    }

    public boolean isWebinar() {
        return type == MeetingType.WEBINAR;
    }

    /** The webinar's own attendee capacity, if it has one. */
    public Optional<Integer> maxAttendees() {
        return Optional.ofNullable(maxAttendees);
    }

    public boolean hasPasscode() {
        return passcodeHash != null;
    }

    /** True when the meeting has no passcode or {@code candidate} is it. Slow on purpose (PBKDF2). */
    public boolean acceptsPasscode(Optional<String> candidate) {
        if (passcodeHash == null) {
            return true;
        }
        return candidate.map(c -> SecretHasher.matches(c.toCharArray(), HashedSecret.decode(passcodeHash)))
                .orElse(false);
    }

    public void start() {
        requireNotEnded();
        this.state = MeetingState.STARTED;
    }

    public void end() {
        this.state = MeetingState.ENDED;
    }

    private void requireNotEnded() {
        if (state == MeetingState.ENDED) {
            throw new IllegalStateException("the meeting has ended");
        }
    }

    public MeetingNumber number() {
        return new MeetingNumber(id);
    }

    public String topic() {
        return topic;
    }

    public User host() {
        return host;
    }

    public boolean isHostedBy(String username) {
        return host.username().equals(username);
    }

    public Optional<Instant> startTime() {
        return Optional.ofNullable(startTime);
    }

    public Duration duration() {
        return Duration.ofMinutes(durationMinutes);
    }

    public String timeZone() {
        return timeZone;
    }

    public MeetingType type() {
        return type;
    }

    public boolean waitingRoom() {
        return waitingRoom;
    }

    public boolean muteOnEntry() {
        return muteOnEntry;
    }

    public MeetingState state() {
        return state;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }
}
