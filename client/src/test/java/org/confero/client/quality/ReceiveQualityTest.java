package org.confero.client.quality;

import static org.assertj.core.api.Assertions.assertThat;

import org.confero.protocol.media.MediaType;
import org.junit.jupiter.api.Test;

/** Issue 22: loss and jitter of received RTP as RFC 3550 defines them. */
class ReceiveQualityTest {

    static final long MS = 1_000_000L;

    @Test
    void evenlyPacedPacketsHaveNoLossAndNoJitter() {
        ReceiveQuality quality = new ReceiveQuality(MediaType.AUDIO);
        for (int i = 0; i < 50; i++) {
            quality.received(rtp(i, 960L * i), 20 * MS * i); // 20 ms of 48 kHz audio each
        }
        ReceiveQuality.Interval interval = quality.interval();
        assertThat(interval.loss()).hasValue(0);
        assertThat(interval.jitterMs().getAsDouble()).isLessThan(0.001);
    }

    @Test
    void missingSequenceNumbersAreLossOfTheInterval() {
        ReceiveQuality quality = new ReceiveQuality(MediaType.VIDEO);
        for (int i = 0; i < 10; i++) {
            if (i != 3 && i != 7) {
                quality.received(rtp(i, 3000L * i), 33 * MS * i);
            }
        }
        assertThat(quality.interval().loss()).hasValue(0.2);
        assertThat(quality.interval().loss()).as("nothing expected since: the last measured loss").hasValue(0.2);
        quality.received(rtp(10, 30_000), 330 * MS);
        assertThat(quality.interval().loss()).as("the next interval starts anew").hasValue(0);
    }

    @Test
    void lossCountsAcrossTheSequenceNumberWrap() {
        ReceiveQuality quality = new ReceiveQuality(MediaType.AUDIO);
        quality.received(rtp(65534, 0), 0);
        quality.received(rtp(65535, 960), 20 * MS);
        quality.received(rtp(1, 2880), 60 * MS); // 0 lost
        assertThat(quality.interval().loss()).hasValue(0.25);
    }

    @Test
    void irregularArrivalShowsAsJitter() {
        ReceiveQuality quality = new ReceiveQuality(MediaType.AUDIO);
        for (int i = 0; i < 200; i++) {
            long late = i % 2 == 0 ? 0 : 10 * MS; // every other packet 10 ms late
            quality.received(rtp(i, 960L * i), 20 * MS * i + late);
        }
        assertThat(quality.interval().jitterMs().getAsDouble()).isBetween(9.0, 10.5);
    }

    @Test
    void somethingThatIsNotRtpIsIgnored() {
        ReceiveQuality quality = new ReceiveQuality(MediaType.AUDIO);
        quality.received(new byte[] { 0, 1, 2 }, 0);
        assertThat(quality.interval().loss()).isEmpty();
    }

    static byte[] rtp(int sequence, long timestamp) {
        return new byte[] { (byte) 0x80, 111, (byte) (sequence >>> 8), (byte) sequence, (byte) (timestamp >>> 24),
                (byte) (timestamp >>> 16), (byte) (timestamp >>> 8), (byte) timestamp, 0, 0, 0, 1 };
    }
}
