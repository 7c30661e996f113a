package org.confero.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PresenceRulesTest {

    @Test
    void nobodyConnectedAnywhereIsOfflineWhateverTheChoice() {
        assertThat(PresenceRules.effective(Optional.of(PresenceStatus.BUSY), List.of()))
                .isEqualTo(PresenceStatus.OFFLINE);
        assertThat(PresenceRules.effective(Optional.empty(), List.of(Attendance.NONE)))
                .isEqualTo(PresenceStatus.OFFLINE);
    }

    @Test
    void aSeatOnAnyServerMeansInAMeeting() {
        assertThat(PresenceRules.effective(Optional.of(PresenceStatus.BUSY),
                List.of(new Attendance(1, 0), new Attendance(0, 1)))).isEqualTo(PresenceStatus.IN_MEETING);
    }

    @Test
    void connectedUsersAreWhatTheyChoseAvailableByDefault() {
        List<Attendance> online = List.of(new Attendance(2, 0));
        assertThat(PresenceRules.effective(Optional.empty(), online)).isEqualTo(PresenceStatus.AVAILABLE);
        assertThat(PresenceRules.effective(Optional.of(PresenceStatus.BUSY), online)).isEqualTo(PresenceStatus.BUSY);
        // A stored choice that is not a choice (a corrupt entry) cannot force a state Confero observes.
        assertThat(PresenceRules.effective(Optional.of(PresenceStatus.OFFLINE), online))
                .isEqualTo(PresenceStatus.AVAILABLE);
    }

    @Test
    void attendanceSurvivesItsEncodingAndRejectsGarbage() {
        assertThat(Attendance.decode(new Attendance(3, 1).encode())).contains(new Attendance(3, 1));
        assertThat(Attendance.decode("3")).isEmpty();
        assertThat(Attendance.decode("-1,0")).isEmpty();
        assertThat(Attendance.decode("a,b")).isEmpty();
        assertThat(Attendance.decode(null)).isEmpty();
    }

    @Test
    void aServerThatStopsRenewingStopsCountingAndCleanChangesKeepTheOthers() {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        ServerAttendance both = ServerAttendance.empty()
                .with("primary:web-1", new Attendance(1, 0), now.plusSeconds(45), now)
                .with("primary:mmr-2", new Attendance(0, 1), now.plusSeconds(20), now);
        ServerAttendance read = ServerAttendance.decode(both.encode());
        assertThat(read.live(now)).containsExactlyInAnyOrder(new Attendance(1, 0), new Attendance(0, 1));
        assertThat(read.live(now.plusSeconds(30))).containsExactly(new Attendance(1, 0));
        // web-1 leaves: only mmr-2's entry remains; later writes drop expired entries altogether.
        assertThat(read.with("primary:web-1", Attendance.NONE, now.plusSeconds(45), now).live(now))
                .containsExactly(new Attendance(0, 1));
        assertThat(read.with("primary:web-1", new Attendance(2, 0), now.plusSeconds(75), now.plusSeconds(30)).encode())
                .doesNotContain("mmr-2");
    }

    @Test
    void corruptAttendanceIsDroppedNotBelieved() {
        assertThat(ServerAttendance.decode("web-1=1,0").live(Instant.EPOCH)).isEmpty();
        assertThat(ServerAttendance.decode("garbage;;=;x=a,b,c").isEmpty()).isTrue();
        assertThat(ServerAttendance.decode(null).isEmpty()).isTrue();
    }

    @Test
    void countsNeverGoBelowZero() {
        assertThat(Attendance.NONE.connected(-1)).isEqualTo(Attendance.NONE);
        assertThat(new Attendance(1, 1).seated(-1).connected(-1).isEmpty()).isTrue();
    }

    @Test
    void entryKeysNameTheirUser() {
        assertThat(Presence.userOf("at:ann@corp")).contains("ann@corp");
        assertThat(Presence.userOf("choice:bob")).contains("bob");
        assertThat(Presence.userOf("something-else")).isEmpty();
    }
}
