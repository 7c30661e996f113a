package org.confero.cli.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestPacketTest {

    @Test
    void roundTripsSenderSequenceAndTime() {
        byte[] packet = TestPacket.build(111, 0xCAFE, 70_000, 1_700_000_000_123_456L, 160);
        assertThat(packet).hasSize(160);
        assertThat(packet[0] & 0xff).isEqualTo(0x80); // RTP version 2: the relay demultiplexes it as media
        assertThat(packet[1] & 0x7f).isEqualTo(111);
        TestPacket.Received r = TestPacket.parse(packet).orElseThrow();
        assertThat(r.ssrc()).isEqualTo(0xCAFE);
        assertThat(r.sequence()).isEqualTo(70_000); // beyond RTP's 16 bits
        assertThat(r.sentMicros()).isEqualTo(1_700_000_000_123_456L);
    }

    @Test
    void otherPacketsAreNotTestMedia() {
        byte[] rtcp = TestPacket.build(72, 1, 1, 1, 64); // payload type 72: RTCP SR under RFC 5761
        byte[] plainRtp = new byte[200];
        plainRtp[0] = (byte) 0x80;
        plainRtp[1] = 96;
        assertThat(TestPacket.parse(rtcp)).isEmpty();
        assertThat(TestPacket.parse(plainRtp)).isEmpty();
        assertThat(TestPacket.parse(new byte[5])).isEmpty();
    }
}
