package org.confero.cli.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The clip path of {@code confero join --clip}: the IVF reader, the web client's VP8 packetization and SSRC rule. */
class ClipMediaTest {

    @Test
    void theBuiltInClipIsThreeSecondsOfVp8At320x240StartingWithAKeyFrame() throws IOException {
        IvfClip clip = ClipSender.load(ClipSender.BUILTIN);
        assertThat(clip.width()).isEqualTo(320);
        assertThat(clip.height()).isEqualTo(240);
        assertThat(clip.frames()).hasSize(90);
        assertThat(clip.timebaseDenominator()).isEqualTo(30);
        assertThat(clip.frames().get(0).keyFrame()).isTrue();
        // A key frame every second (-g 30), so a browser joining mid-clip shows it within a second.
        assertThat(clip.frames().stream().filter(IvfClip.Frame::keyFrame).count()).isEqualTo(3);
        assertThat(clip.durationPts()).isEqualTo(90);
    }

    @Test
    void somethingElseThanAVp8IvfIsRefusedWithAReason() {
        assertThatThrownBy(() -> IvfClip.read(new ByteArrayInputStream("not a clip".getBytes())))
                .isInstanceOf(IOException.class).hasMessageContaining("DKIF");
        byte[] vp9 = new byte[32];
        System.arraycopy("DKIF".getBytes(), 0, vp9, 0, 4);
        System.arraycopy("VP90".getBytes(), 0, vp9, 8, 4);
        assertThatThrownBy(() -> IvfClip.read(new ByteArrayInputStream(vp9))).hasMessageContaining("VP80");
    }

    @Test
    void aFrameBecomesPacketsOfAtMost1200BytesThatReassembleToIt() {
        byte[] frame = new byte[3000];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (byte) i;
        }
        List<byte[]> packets = new Vp8Packetizer(0x01020304, 96, 65535).packets(frame, 90_000);
        assertThat(packets).hasSize(3);
        ByteBuffer reassembled = ByteBuffer.allocate(frame.length);
        for (int i = 0; i < packets.size(); i++) {
            byte[] p = packets.get(i);
            ByteBuffer b = ByteBuffer.wrap(p);
            assertThat(p.length).isLessThanOrEqualTo(Vp8Packetizer.MAX_PACKET_BYTES);
            assertThat(p[0] & 0xff).isEqualTo(0x80);
            assertThat((p[1] & 0x80) != 0).as("marker on the last packet only").isEqualTo(i == packets.size() - 1);
            assertThat(p[1] & 0x7f).isEqualTo(96);
            assertThat(b.getShort(2) & 0xffff).isEqualTo((65535 + i) & 0xffff);
            assertThat(b.getInt(4)).isEqualTo(90_000);
            assertThat(b.getInt(8)).isEqualTo(0x01020304);
            // RFC 7741 payload descriptor: S on the first packet of the frame, partition 0, no extensions.
            assertThat(p[12] & 0xff).isEqualTo(i == 0 ? 0x10 : 0x00);
            reassembled.put(p, 13, p.length - 13);
        }
        assertThat(reassembled.array()).isEqualTo(frame);
    }

    @Test
    void theSsrcIsTheWebClientsFnv1aOfTheParticipantId() {
        // Values a Chromium running the web client reported for these participant ids (BrowserIT, stats().ssrc).
        assertThat(Integer.toUnsignedLong(Ssrc.of("p-43a970427421fa4b"))).isEqualTo(995060201L);
        assertThat(Integer.toUnsignedLong(Ssrc.of("p-5d40b170e2f246bc"))).isEqualTo(63190715L);
        assertThat(Ssrc.of("")).isEqualTo(0x811c9dc5);
        assertThat(Ssrc.of("p-1")).isNotEqualTo(Ssrc.of("p-2"));
    }
}
