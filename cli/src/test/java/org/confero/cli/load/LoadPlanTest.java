package org.confero.cli.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.confero.cli.media.MediaProfile;
import org.junit.jupiter.api.Test;

class LoadPlanTest {

    @Test
    void spreadsParticipantsAndExpectsEveryoneToHearEveryoneElse() {
        LoadPlan plan = new LoadPlan(7, 2, List.of(MediaProfile.AUDIO), 10, 1);
        assertThat(plan.membersOf(0)).isEqualTo(4);
        assertThat(plan.membersOf(1)).isEqualTo(3);
        assertThat(plan.meetingOf(4)).isEqualTo(0);
        // 4×3 + 3×2 = 18 sender→receiver pairs at 50 packets/s
        assertThat(plan.expectedDeliveredPerSecond(MediaProfile.AUDIO)).isEqualTo(900);
    }

    @Test
    void isBounded() {
        assertThatThrownBy(() -> new LoadPlan(1001, 1, List.of(MediaProfile.AUDIO), 10, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadPlan(4, 3, List.of(MediaProfile.AUDIO), 10, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
