package org.confero.presence;

import static org.assertj.core.api.Assertions.assertThat;

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
    void countsNeverGoBelowZero() {
        assertThat(Attendance.NONE.connected(-1)).isEqualTo(Attendance.NONE);
        assertThat(new Attendance(1, 1).seated(-1).connected(-1).isEmpty()).isTrue();
    }

    @Test
    void entryKeysNameTheirUserEvenWithAnAtSignInIt() {
        assertThat(Presence.userOf("at:ann@corp@primary:mmr-1")).contains("ann@corp");
        assertThat(Presence.userOf("choice:bob")).contains("bob");
        assertThat(Presence.userOf("something-else")).isEmpty();
    }
}
