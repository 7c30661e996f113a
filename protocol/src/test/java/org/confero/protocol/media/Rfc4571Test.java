package org.confero.protocol.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class Rfc4571Test {

    @Test
    void framesSurviveAnySplitAndCoalescing() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<byte[]> packets = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            byte[] p = new byte[i * 7];
            p[0] = (byte) i;
            packets.add(p);
            stream.writeBytes(Rfc4571.frame(p));
        }
        byte[] all = stream.toByteArray();
        for (int piece : new int[] { 1, 2, 3, 7, 100, all.length }) {
            Rfc4571.Deframer deframer = new Rfc4571.Deframer(1500);
            List<byte[]> out = new ArrayList<>();
            for (int at = 0; at < all.length; at += piece) {
                deframer.feed(ByteBuffer.wrap(all, at, Math.min(piece, all.length - at)), f -> {
                    byte[] copy = new byte[f.remaining()];
                    f.get(copy);
                    out.add(copy);
                });
            }
            assertThat(out).as("pieces of %d", piece).containsExactlyElementsOf(packets);
        }
    }

    @Test
    void oversizeFramesAreSkippedAndCounted() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(Rfc4571.frame(new byte[2000]));
        stream.writeBytes(Rfc4571.frame(new byte[] { 9, 9 }));
        Rfc4571.Deframer deframer = new Rfc4571.Deframer(1500);
        List<Integer> sizes = new ArrayList<>();
        deframer.feed(ByteBuffer.wrap(stream.toByteArray()), f -> sizes.add(f.remaining()));
        assertThat(sizes).containsExactly(2);
        assertThat(deframer.oversizeFrames()).isEqualTo(1);
    }

    @Test
    void demultiplexesByFirstByteAsRfc7983Says() {
        assertThat(PacketKind.of(0)).isEqualTo(PacketKind.STUN);
        assertThat(PacketKind.of(3)).isEqualTo(PacketKind.STUN);
        assertThat(PacketKind.of(4)).isEqualTo(PacketKind.OTHER);
        assertThat(PacketKind.of(20)).isEqualTo(PacketKind.OTHER); // DTLS
        assertThat(PacketKind.of(127)).isEqualTo(PacketKind.OTHER);
        assertThat(PacketKind.of(128)).isEqualTo(PacketKind.RTP_RTCP);
        assertThat(PacketKind.of(191)).isEqualTo(PacketKind.RTP_RTCP);
        assertThat(PacketKind.of(192)).isEqualTo(PacketKind.OTHER);
        assertThat(MediaType.fromCode(2)).contains(MediaType.VIDEO);
        assertThat(MediaType.fromCode(9)).isEmpty();
        assertThat(MediaType.fromName("audio")).contains(MediaType.AUDIO);
        assertThat(MediaType.fromName("nope")).isEmpty();
    }
}
