package org.confero.media.relay;

import io.netty.buffer.ByteBuf;

import java.net.InetSocketAddress;

import org.confero.protocol.media.PacketKind;

/**
 * Every packet the relay receives enters here, from any transport, and leaves accounted for exactly once: relayed
 * media, STUN handled by the {@link BindingService}, or one inbound drop.
 *
 * <p>
 * Buffer ownership: the caller (the transport handler) owns {@code packet} and releases it after the call returns;
 * nothing here keeps it. Receivers that queue it take retained duplicates (see {@link Endpoint#deliver}).
 *
 * <p>
 * Hot path (RTP/RTCP from a bound sender): one map lookup (UDP) or field read (TCP, virtual), one volatile read of the
 * group's member array, then one {@code deliver} per receiver. No heap allocation of ours, no lock, no logging.
 */
public final class PacketRouter {

    private final EndpointRegistry registry;
    private final BindingService binding;
    private final Counters total;
    private final int maxPacketBytes;
    private final MediaTypeCounters byMediaType;
    private final CascadeCounters cascade;

    PacketRouter(EndpointRegistry registry, BindingService binding, Counters total, int maxPacketBytes) {
        this(registry, binding, total, maxPacketBytes, new MediaTypeCounters());
    }

    PacketRouter(EndpointRegistry registry, BindingService binding, Counters total, int maxPacketBytes,
            MediaTypeCounters byMediaType) {
        this(registry, binding, total, maxPacketBytes, byMediaType, new CascadeCounters());
    }

    PacketRouter(EndpointRegistry registry, BindingService binding, Counters total, int maxPacketBytes,
            MediaTypeCounters byMediaType, CascadeCounters cascade) {
        this.cascade = cascade;
        this.registry = registry;
        this.binding = binding;
        this.total = total;
        this.maxPacketBytes = maxPacketBytes;
        this.byMediaType = byMediaType;
    }

    public int maxPacketBytes() {
        return maxPacketBytes;
    }

    public void onUdp(ByteBuf packet, InetSocketAddress sender, FanOut out) {
        int length = packet.readableBytes();
        total.received(length);
        if (length > maxPacketBytes) {
            total.dropped(DropReason.OVERSIZE, 1, length);
            return;
        }
        switch (kind(packet)) {
        case RTP_RTCP -> relay(registry.udpAt(sender), packet, out);
        case STUN -> binding.onStun(new UdpPath(sender, out.udp(), registry), packet);
        default -> total.dropped(DropReason.NOT_STUN_OR_RTP, 1, length);
        }
    }

    public void onTcp(TcpConnection connection, ByteBuf frame, FanOut out) {
        int length = frame.readableBytes();
        total.received(length);
        if (length > maxPacketBytes) {
            total.dropped(DropReason.OVERSIZE, 1, length);
            return;
        }
        switch (kind(frame)) {
        case RTP_RTCP -> relay(connection.endpoint(), frame, out);
        case STUN -> binding.onStun(connection, frame);
        default -> total.dropped(DropReason.NOT_STUN_OR_RTP, 1, length);
        }
    }

    /** An RFC 4571 frame longer than the maximum, skipped by the decoder without being buffered. */
    public void onTcpOversize(int length) {
        total.received(length);
        total.dropped(DropReason.OVERSIZE, 1, length);
    }

    /** TCP bindings die with their connection. */
    public void onTcpClosed(TcpConnection connection) {
        TcpEndpoint endpoint = connection.endpoint();
        if (endpoint != null) {
            registry.unbind(endpoint, RelayEvent.Type.LEFT, "connection closed");
        }
    }

    /** Virtual endpoints carry media only: their binding is the JCA layer's business, so STUN is not expected. */
    void onVirtual(VirtualEndpoint sender, ByteBuf packet, FanOut out) {
        int length = packet.readableBytes();
        total.received(length);
        if (length > maxPacketBytes) {
            total.dropped(DropReason.OVERSIZE, 1, length);
            return;
        }
        if (kind(packet) != PacketKind.RTP_RTCP) {
            total.dropped(DropReason.NOT_STUN_OR_RTP, 1, length);
            return;
        }
        relay(sender, packet, out);
    }

    private static PacketKind kind(ByteBuf packet) {
        return packet.isReadable() ? PacketKind.of(packet.getUnsignedByte(packet.readerIndex())) : PacketKind.OTHER;
    }

    private void relay(Endpoint sender, ByteBuf packet, FanOut out) {
        int length = packet.readableBytes();
        if (sender == null || !sender.isActive()) {
            total.dropped(DropReason.UNBOUND_SENDER, 1, length);
            return;
        }
        Counters meeting = sender.meeting.counters;
        meeting.received(length);
        if (sender.receiveOnly) {
            feedback(sender, packet, out, meeting);
            return;
        }
        Counters type = countedAsMedia(sender, meeting, length);
        // Invariant: members is never modified once published (copy-on-write), so iterating it needs no lock.
        Endpoint[] members = sender.group.members();
        boolean fromLink = sender.cascade;
        if (fromLink) {
            cascade.fromLink(sender.mediaType, length);
        }
        long intoLinks = 0;
        for (Endpoint receiver : members) {
            // From a cascade link only to this router's own participants: the sending router links to the others.
            if (receiver != sender && receiver.isActive() && !(fromLink && receiver.cascade)) {
                if (receiver.cascade) {
                    long before = out.pendingCopies();
                    receiver.deliver(packet, out);
                    intoLinks += out.pendingCopies() - before; // a copy its sink refused is a drop, not a crossing
                } else {
                    receiver.deliver(packet, out);
                }
            }
        }
        cascade.intoLinks(sender.mediaType, intoLinks, intoLinks * length);
        type.sent(out.pendingCopies(), out.pendingBytes());
        out.finish(length, meeting, total);
    }

    /**
     * Counts a packet that is relayed as media (on its meeting, the router and its media type) and returns its media
     * type's counters, which count the copies sent. No allocation: this runs for every packet.
     */
    private Counters countedAsMedia(Endpoint sender, Counters meeting, int length) {
        meeting.media(length);
        total.media(length);
        Counters type = byMediaType.of(sender.mediaType);
        type.received(length);
        type.media(length);
        return type;
    }

    /** A packet dropped for {@code reason}, counted on its meeting and on the router. */
    private void dropped(Counters meeting, DropReason reason, int length) {
        meeting.dropped(reason, 1, length);
        total.dropped(reason, 1, length);
    }

    /**
     * Issue 23: a webinar attendee's credentials receive only, whatever it sends on whichever transport — except RTCP
     * feedback ({@link ReceiverFeedback}: reports, NACK, PLI, FIR) within its budget, which goes to this router's
     * senders only: never to another receive-only member, and never over a cascade link, where the other router would
     * hand it to its own attendees.
     */
    private void feedback(Endpoint sender, ByteBuf packet, FanOut out, Counters meeting) {
        int length = packet.readableBytes();
        if (!ReceiverFeedback.isFeedback(packet)) {
            dropped(meeting, DropReason.NOT_A_SENDER, length);
            return;
        }
        if (!ReceiverFeedback.withinBudget(sender, System.nanoTime())) {
            dropped(meeting, DropReason.FEEDBACK_RATE_LIMITED, length);
            return;
        }
        Counters type = countedAsMedia(sender, meeting, length);
        for (Endpoint receiver : sender.group.members()) {
            if (receiver != sender && receiver.isActive() && !receiver.receiveOnly && !receiver.cascade) {
                receiver.deliver(packet, out);
            }
        }
        type.sent(out.pendingCopies(), out.pendingBytes());
        out.finish(length, meeting, total);
    }
}
