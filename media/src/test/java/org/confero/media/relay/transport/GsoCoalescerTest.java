package org.confero.media.relay.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.Errors;
import io.netty.channel.unix.SegmentedDatagramPacket;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the coalescer hands to the socket, on Netty's embedded channel: which datagrams and GSO runs, with which bytes,
 * to whom, in which order. The datagrams a receiver gets are the runs cut at their segment size.
 */
class GsoCoalescerTest {

    static final InetSocketAddress BOB = new InetSocketAddress("127.0.0.1", 40001);
    static final InetSocketAddress CAROL = new InetSocketAddress("127.0.0.1", 40002);

    static final int MAX_SEGMENT = 1452;

    final EmbeddedChannel channel = new EmbeddedChannel();
    final AtomicLong errors = new AtomicLong();
    final GsoCoalescer coalescer = new GsoCoalescer(new Channel[] { channel }, UnpooledByteBufAllocator.DEFAULT, errors,
            MAX_SEGMENT);

    @AfterEach
    void release() {
        coalescer.close();
        channel.finishAndReleaseAll();
    }

    @Test
    void aBurstToTwoReceiversLeavesAsOneGsoSendEachWithEveryPacketUnchangedInOrder() {
        for (int i = 0; i < 10; i++) {
            relay(packet(i, 200), BOB, CAROL);
        }
        coalescer.drain();

        List<Sent> sent = sent();
        assertThat(sent).hasSize(2);
        assertThat(sent).allSatisfy(s -> {
            assertThat(s.segmentSize).isEqualTo(200);
            assertThat(s.datagrams()).hasSize(10);
            for (int i = 0; i < 10; i++) {
                assertThat(s.datagrams().get(i)).isEqualTo(bytes(i, 200));
            }
        });
        assertThat(sent).extracting(s -> s.to).containsExactlyInAnyOrder(BOB, CAROL);
        assertThat(coalescer.segmentedSends()).isEqualTo(2);
    }

    @Test
    void aShorterPacketEndsTheRunAndALongerOneStartsAnother() {
        relay(packet(1, 300), BOB);
        relay(packet(2, 300), BOB);
        relay(packet(3, 120), BOB); // short last segment: allowed, and ends the run
        relay(packet(4, 300), BOB);
        relay(packet(5, 500), BOB); // longer: a new run
        coalescer.drain();

        List<byte[]> atBob = new ArrayList<>();
        sent().forEach(s -> atBob.addAll(s.datagrams()));
        assertThat(atBob).containsExactly(bytes(1, 300), bytes(2, 300), bytes(3, 120), bytes(4, 300), bytes(5, 500));
        assertThat(sent()).isEmpty();
    }

    @Test
    void packetsTooLargeForGsoLeaveAloneAfterTheOpenRunOfTheirDestination() {
        relay(packet(1, 400), BOB);
        relay(packet(2, 400), BOB);
        relay(packet(3, MAX_SEGMENT + 1), BOB);
        relay(packet(4, 400), BOB);
        coalescer.drain();

        List<Sent> sent = sent();
        assertThat(sent).extracting(s -> s.segmentSize).containsExactly(400, 0, 0);
        List<byte[]> atBob = new ArrayList<>();
        sent.forEach(s -> atBob.addAll(s.datagrams()));
        assertThat(atBob).containsExactly(bytes(1, 400), bytes(2, 400), bytes(3, MAX_SEGMENT + 1), bytes(4, 400));
    }

    @Test
    void aRunStopsAtTheKernelsSegmentLimit() {
        int packets = GsoCoalescer.MAX_SEGMENTS + 3;
        for (int i = 0; i < packets; i++) {
            relay(packet(i, 100), BOB);
        }
        coalescer.drain();

        List<Sent> sent = sent();
        assertThat(sent).extracting(s -> s.datagrams().size()).containsExactly(GsoCoalescer.MAX_SEGMENTS, 3);
        assertThat(sent.get(1).datagrams().get(0)).isEqualTo(bytes(GsoCoalescer.MAX_SEGMENTS, 100));
    }

    @Test
    void receiversOfDifferentPacketsGetTheirOwnAndNothingElse() {
        // Two senders interleaved: packets of one are not contiguous for the other's receivers.
        for (int i = 0; i < 6; i++) {
            relay(packet(i, 200), i % 2 == 0 ? BOB : CAROL);
        }
        coalescer.drain();

        List<byte[]> atBob = new ArrayList<>();
        List<byte[]> atCarol = new ArrayList<>();
        sent().forEach(s -> (s.to.equals(BOB) ? atBob : atCarol).addAll(s.datagrams()));
        assertThat(atBob).containsExactly(bytes(0, 200), bytes(2, 200), bytes(4, 200));
        assertThat(atCarol).containsExactly(bytes(1, 200), bytes(3, 200), bytes(5, 200));
    }

    @Test
    void moreDestinationsThanTheTableHoldsAreAllServed() {
        int receivers = 700;
        InetSocketAddress[] to = new InetSocketAddress[receivers];
        for (int r = 0; r < receivers; r++) {
            to[r] = new InetSocketAddress("127.0.0.1", 20000 + r);
        }
        for (int i = 0; i < 3; i++) {
            relay(packet(i, 64), to);
        }
        coalescer.drain();

        List<Sent> sent = sent();
        for (int r = 0; r < receivers; r++) {
            InetSocketAddress receiver = to[r];
            List<byte[]> got = new ArrayList<>();
            sent.stream().filter(s -> s.to == receiver).forEach(s -> got.addAll(s.datagrams()));
            assertThat(got).as("receiver %d", r).containsExactly(bytes(0, 64), bytes(1, 64), bytes(2, 64));
        }
    }

    @Test
    void aRefusedGsoSendIsResentAsSingleDatagramsAndGsoStaysOff() {
        channel.pipeline().addFirst(new RefuseGso(new IOException("sendmmsg(..) failed: Input/output error")));
        relay(packet(1, 200), BOB);
        relay(packet(2, 200), BOB);
        coalescer.drain();
        channel.flush();

        List<Sent> sent = sent();
        assertThat(sent).extracting(s -> s.segmentSize).containsExactly(0, 0);
        assertThat(sent).extracting(s -> s.datagrams().get(0)).containsExactly(bytes(1, 200), bytes(2, 200));
        assertThat(coalescer.maxSegmentBytes()).isZero();
        assertThat(errors.get()).isEqualTo(1);

        relay(packet(3, 200), BOB);
        relay(packet(4, 200), BOB);
        coalescer.drain();
        assertThat(sent()).extracting(s -> s.segmentSize).containsExactly(0, 0);
    }

    @Test
    void segmentsTooLongForTheRouteAreResentAloneAndOnlyShorterOnesUseGsoFromThenOn() {
        assumeTrue(Epoll.isAvailable(), "Netty's native errors need the native library");
        channel.pipeline().addFirst(new RefuseGso(new Errors.NativeIoException("sendmmsg", -22))); // EINVAL
        relay(packet(1, 1400), BOB);
        relay(packet(2, 1400), BOB);
        coalescer.drain();
        channel.flush();

        assertThat(sent()).extracting(s -> s.datagrams().get(0)).containsExactly(bytes(1, 1400), bytes(2, 1400));
        assertThat(coalescer.maxSegmentBytes()).isEqualTo(1399);

        channel.pipeline().removeFirst();
        relay(packet(3, 1400), BOB);
        relay(packet(4, 1000), BOB);
        relay(packet(5, 1000), BOB);
        coalescer.drain();
        List<Sent> sent = sent();
        assertThat(sent).extracting(s -> s.segmentSize).containsExactly(0, 1000);
        assertThat(sent.get(1).datagrams()).containsExactly(bytes(4, 1000), bytes(5, 1000));
    }

    /** One packet of one sender to its receivers, as the router does: the caller keeps and releases the packet. */
    private void relay(ByteBuf packet, InetSocketAddress... receivers) {
        try {
            for (InetSocketAddress to : receivers) {
                coalescer.add(0, packet, to);
            }
            coalescer.endOfPacket();
        } finally {
            packet.release();
        }
    }

    /** What was written to the socket since the last call (flushed here), released. */
    private List<Sent> sent() {
        channel.flush();
        List<Sent> sent = new ArrayList<>();
        Object message;
        while ((message = channel.readOutbound()) != null) {
            DatagramPacket datagram = (DatagramPacket) message;
            try {
                int segmentSize = datagram instanceof SegmentedDatagramPacket s ? s.segmentSize() : 0;
                sent.add(new Sent(datagram.recipient(), ByteBufUtil.getBytes(datagram.content()), segmentSize));
            } finally {
                datagram.release();
            }
        }
        return sent;
    }

    record Sent(InetSocketAddress to, byte[] bytes, int segmentSize) {

        /** What the receiver gets: the kernel cuts a GSO send at its segment size, the last one may be shorter. */
        List<byte[]> datagrams() {
            if (segmentSize == 0) {
                return List.of(bytes);
            }
            List<byte[]> datagrams = new ArrayList<>();
            for (int at = 0; at < bytes.length; at += segmentSize) {
                byte[] one = new byte[Math.min(segmentSize, bytes.length - at)];
                System.arraycopy(bytes, at, one, 0, one.length);
                datagrams.add(one);
            }
            return datagrams;
        }
    }

    static ByteBuf packet(int sequence, int size) {
        return Unpooled.wrappedBuffer(bytes(sequence, size));
    }

    static byte[] bytes(int sequence, int size) {
        byte[] packet = new byte[size];
        packet[0] = (byte) 0x80;
        for (int i = 1; i < size; i++) {
            packet[i] = (byte) (sequence * 31 + i);
        }
        return packet;
    }

    /** Stands for a kernel or device that refuses UDP_SEGMENT, with the error it gives. */
    static final class RefuseGso extends ChannelOutboundHandlerAdapter {

        private final IOException error;

        RefuseGso(IOException error) {
            this.error = error;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof SegmentedDatagramPacket) {
                ReferenceCountUtil.release(msg);
                promise.setFailure(error);
            } else {
                ctx.write(msg, promise);
            }
        }
    }
}
