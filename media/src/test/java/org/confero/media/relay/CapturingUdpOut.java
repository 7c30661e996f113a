package org.confero.media.relay;

import io.netty.buffer.ByteBuf;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the UDP sockets when a test feeds the router directly: records what the relay would send. */
final class CapturingUdpOut implements UdpOut {

    record Sent(InetSocketAddress to, byte[] bytes, boolean media) {
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    long mediaSends;

    @Override
    public boolean send(int dscpClass, ByteBuf packet, InetSocketAddress to) {
        mediaSends++;
        byte[] bytes = new byte[packet.readableBytes()];
        packet.getBytes(packet.readerIndex(), bytes);
        sent.add(new Sent(to, bytes, true));
        return true;
    }

    @Override
    public void sendControl(int dscpClass, byte[] message, InetSocketAddress to) {
        sent.add(new Sent(to, message.clone(), false));
    }

    List<Sent> to(InetSocketAddress address) {
        return sent.stream().filter(s -> s.to().equals(address)).toList();
    }
}
