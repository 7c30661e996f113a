package org.confero.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.confero.security.SecretHasher;
import org.confero.user.Role;
import org.confero.user.User;
import org.junit.jupiter.api.Test;

class MeetingTest {

    private final Instant now = Instant.parse("2026-11-21T12:00:00Z");
    private final SecretHasher hasher = new SecretHasher(1000);
    private final User host = new User("hana", "Hana Host", null, Role.HOST, hasher.hash("x".toCharArray()), now);

    @Test
    void meetingNumbersHaveNineToElevenDigitsAndParseLeniently() {
        assertThat(MeetingNumber.parse("845 1296 3301")).contains(new MeetingNumber(84512963301L));
        assertThat(MeetingNumber.parse("123-456-789")).contains(new MeetingNumber(123456789L));
        assertThat(MeetingNumber.parse("12345678")).isEmpty();
        assertThat(MeetingNumber.parse("012345678")).as("no leading zero").isEmpty();
        assertThat(MeetingNumber.parse("123456789012")).isEmpty();
        assertThat(MeetingNumber.parse("12345678x")).isEmpty();
        assertThat(MeetingNumber.parse(null)).isEmpty();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 1000; i++) {
            assertThat(MeetingNumber.random(random).toString()).hasSize(11);
        }
    }

    @Test
    void aWebinarMayLowerItsAttendeeCapacityWithinTheServersMaximum() {
        Meeting webinar = new Meeting(new MeetingNumber(84512963301L), host, MeetingType.WEBINAR, now);
        assertThat(webinar.isWebinar()).isTrue();
        assertThat(webinar.maxAttendees()).as("the server's by default").isEmpty();
        webinar.limitAttendees(Optional.of(25), 1000);
        assertThat(webinar.maxAttendees()).contains(25);
        assertThatThrownBy(() -> webinar.limitAttendees(Optional.of(1001), 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 1000");
        assertThatThrownBy(() -> webinar.limitAttendees(Optional.of(0), 1000))
                .isInstanceOf(IllegalArgumentException.class);
        Meeting meeting = new Meeting(new MeetingNumber(84512963302L), host, MeetingType.MEETING, now);
        assertThat(meeting.isWebinar()).isFalse();
        assertThatThrownBy(() -> meeting.limitAttendees(Optional.of(10), 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("webinars only");
    }

    @Test
    void aPasscodeIsStoredHashedAndChecked() {
        Meeting meeting = new Meeting(new MeetingNumber(84512963301L), host, MeetingType.MEETING, now);
        assertThat(meeting.acceptsPasscode(Optional.empty())).as("no passcode: open").isTrue();

        meeting.protectWith(Optional.of("482913"), hasher);

        assertThat(meeting.hasPasscode()).isTrue();
        assertThat(meeting.acceptsPasscode(Optional.of("482913"))).isTrue();
        assertThat(meeting.acceptsPasscode(Optional.of("482914"))).isFalse();
        assertThat(meeting.acceptsPasscode(Optional.empty())).isFalse();
        assertThatThrownBy(() -> meeting.protectWith(Optional.of("12345678901"), hasher)).hasMessageContaining("1-10");
        assertThatThrownBy(() -> meeting.protectWith(Optional.of("pass word"), hasher))
                .hasMessageContaining("letters, digits");
    }

    @Test
    void schedulingValidatesDurationAndTimeZone() {
        Meeting meeting = new Meeting(new MeetingNumber(84512963301L), host, MeetingType.WEBINAR, now);

        meeting.schedule(Optional.of(now.plusSeconds(3600)), Duration.ofMinutes(45), "Europe/Berlin");

        assertThat(meeting.duration()).isEqualTo(Duration.ofMinutes(45));
        assertThat(meeting.timeZone()).isEqualTo("Europe/Berlin");
        assertThatThrownBy(() -> meeting.schedule(Optional.empty(), Duration.ofHours(25), "UTC"))
                .hasMessageContaining("24 hours");
        assertThatThrownBy(() -> meeting.schedule(Optional.empty(), Duration.ofMinutes(30), "Mars/Base"))
                .hasMessageContaining("unknown time zone");
    }

    @Test
    void anEndedMeetingStaysEnded() {
        Meeting meeting = new Meeting(new MeetingNumber(84512963301L), host, MeetingType.MEETING, now);
        meeting.start();
        assertThat(meeting.state()).isEqualTo(MeetingState.STARTED);

        meeting.end();

        assertThat(meeting.state()).isEqualTo(MeetingState.ENDED);
        assertThatThrownBy(meeting::start).hasMessageContaining("ended");
        assertThatThrownBy(() -> meeting.schedule(Optional.empty(), Duration.ofMinutes(30), "UTC"))
                .hasMessageContaining("ended");
    }
}
