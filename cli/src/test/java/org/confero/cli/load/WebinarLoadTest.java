package org.confero.cli.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;

import org.confero.cli.media.MediaProfile;
import org.confero.cli.media.Reception;
import org.confero.cli.media.TestPacket;
import org.junit.jupiter.api.Test;

/** Issue 23: the webinar load's plan is bounded, and its loss is the measured window's, not the warm-up's. */
class WebinarLoadTest {

    @Test
    void attendeesAreBoundedAndExpectMediaOnlyWithAPanelist() {
        assertThatThrownBy(() -> new WebinarLoad.Plan(0, List.of(MediaProfile.AUDIO), 1, 0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebinarLoad.Plan(WebinarLoad.MAX_ATTENDEES + 1, List.of(MediaProfile.AUDIO), 1, 0,
                Optional.of("c"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new WebinarLoad.Plan(100, List.of(MediaProfile.VIDEO), 1, 0, Optional.of("code"))
                .expectedPerSecond(MediaProfile.VIDEO)).isEqualTo(100L * MediaProfile.VIDEO.packetsPerSecond());
        assertThat(new WebinarLoad.Plan(100, List.of(MediaProfile.VIDEO), 1, 0, Optional.empty())
                .expectedPerSecond(MediaProfile.VIDEO)).isZero();
    }

    @Test
    void lossIsCountedOverTheWindowOnly() {
        Reception reception = new Reception();
        for (int seq = 0; seq < 10; seq++) {
            reception.accept(packet(seq), 1000);
        }
        Reception.Snapshot before = reception.snapshot();
        for (int seq = 10; seq < 20; seq++) {
            if (seq != 12 && seq != 15) {
                reception.accept(packet(seq), 1000);
            }
        }
        assertThat(WebinarLoad.windowLoss(before, reception.snapshot())).isCloseTo(0.2, within(1e-9));
        assertThat(WebinarLoad.windowLoss(before, before)).isZero();
    }

    private static byte[] packet(int sequence) {
        return TestPacket.build(MediaProfile.AUDIO.payloadType(), 42, sequence, 0, MediaProfile.AUDIO.packetBytes());
    }
}
