package org.confero.cli.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LoadCostTest {

    @Test
    void dividesTheProcessCpuTimeByEveryPacketSentOrReceived() {
        // 1.1 s of CPU over a 10 s window, 14 000 packets sent and 126 000 received: 140 000 packets.
        LoadCost cost = new LoadCost(1_100_000_000L, 14_000, 126_000, 10.0);
        assertThat(cost.packets()).isEqualTo(140_000);
        assertThat(cost.nanosPerPacket()).isCloseTo(7857.14, within(0.01));
        assertThat(cost.cores()).isCloseTo(0.11, within(1e-9));
        assertThat(cost.shareOf(2)).isCloseTo(0.055, within(1e-9));
    }

    @Test
    void aBusyToolShowsAsCoresNotJustNanoseconds() {
        LoadCost cost = new LoadCost(22_000_000_000L, 300_000, 2_700_000, 20.0);
        assertThat(cost.cores()).isCloseTo(1.1, within(1e-9));
        assertThat(cost.shareOf(2)).isGreaterThan(0.5);
        assertThat(cost.nanosPerPacket()).isCloseTo(7333.33, within(0.01));
    }

    @Test
    void noPacketsIsNotANumberRatherThanZeroCost() {
        assertThat(new LoadCost(5_000_000L, 0, 0, 1.0).nanosPerPacket()).isNaN();
    }

    @Test
    void refusesImpossibleInputs() {
        assertThatThrownBy(() -> new LoadCost(-1, 1, 1, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadCost(1, -1, 1, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadCost(1, 1, 1, 0.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadCost(1, 1, 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
