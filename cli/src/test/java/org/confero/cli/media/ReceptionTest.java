package org.confero.cli.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReceptionTest {

    @Test
    void countsLossPerSenderFromSequenceGaps() {
        Reception r = new Reception();
        long now = 1_000_000;
        for (int seq = 0; seq < 100; seq++) {
            if (seq % 10 != 3) { // every tenth packet of sender A lost
                r.accept(TestPacket.build(111, 0xA, seq, now - 2_000, 160), now);
            }
            r.accept(TestPacket.build(111, 0xB, 500 + seq, now - 4_000, 160), now);
        }
        r.accept(new byte[] { (byte) 0x80, 96, 0, 0 }, now); // not a test packet: counted, not tracked
        Reception.Snapshot s = r.snapshot();
        assertThat(s.senders()).isEqualTo(2);
        assertThat(s.packets()).isEqualTo(191);
        assertThat(s.otherPackets()).isEqualTo(1);
        assertThat(s.loss()).isCloseTo(10 / 200.0, within(1e-9));
        assertThat(s.delayMillis(0.25)).isCloseTo(2.0, within(0.07));
        assertThat(s.delayMillis(0.99)).isCloseTo(4.0, within(0.13));
    }

    @Test
    void reorderedPacketsAreNotLoss() {
        Reception r = new Reception();
        for (int seq : new int[] { 5, 3, 4, 7, 6 }) {
            r.accept(TestPacket.build(96, 1, seq, 0, 100), 0);
        }
        assertThat(r.snapshot().loss()).isZero();
    }

    @Test
    void totalsAddUp() {
        Reception a = new Reception();
        Reception b = new Reception();
        a.accept(TestPacket.build(96, 1, 0, 0, 100), 1_000);
        b.accept(TestPacket.build(96, 2, 0, 0, 100), 9_000);
        Reception.Snapshot t = Reception.total(List.of(a.snapshot(), b.snapshot()));
        assertThat(t.packets()).isEqualTo(2);
        assertThat(t.senders()).isEqualTo(2);
        assertThat(t.maxDelayMillis()).isEqualTo(9.0);
    }
}
