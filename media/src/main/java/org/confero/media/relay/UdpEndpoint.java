package org.confero.media.relay;

import io.netty.buffer.ByteBuf;

import java.net.InetSocketAddress;

import org.confero.protocol.media.MediaType;
import org.confero.protocol.media.StunMessage;

/** A participant bound at a UDP address, kept alive by RFC 7675 consent checks. */
final class UdpEndpoint extends Endpoint {

    final InetSocketAddress address;
    final int dscpClass;
    final byte[] integrityKey;
    /** When the address last proved it receives (binding, or a valid consent answer). */
    private volatile long consentAtNanos;
    /** The consent checks outstanding: a late answer to the previous one still counts (RFC 7675 section 5.1). */
    private volatile byte[] currentCheck;
    private volatile byte[] previousCheck;
    /** Only touched by the consent thread. */
    long nextCheckNanos;

    UdpEndpoint(Meeting meeting, String participantId, MediaType mediaType, InetSocketAddress address, int dscpClass,
            byte[] integrityKey, long nowNanos) {
        super(meeting, participantId, mediaType);
        this.address = address;
        this.dscpClass = dscpClass;
        this.integrityKey = integrityKey;
        this.consentAtNanos = nowNanos;
        this.nextCheckNanos = nowNanos;
    }

    @Override
    TransportKind transport() {
        return TransportKind.UDP;
    }

    @Override
    byte[] integrityKey() {
        return integrityKey;
    }

    @Override
    String remote() {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    @Override
    void deliver(ByteBuf packet, FanOut out) {
        if (out.udp().send(dscpClass, packet, address)) {
            out.sent(packet.readableBytes());
        } else {
            out.queueFull();
        }
    }

    void checkSent(byte[] transactionId) {
        previousCheck = currentCheck;
        currentCheck = transactionId;
    }

    /** A consent answer counts only if it echoes an outstanding check and carries our integrity (RFC 7675). */
    boolean acceptConsent(StunMessage answer, long nowNanos) {
        if ((answer.hasTransactionId(currentCheck) || answer.hasTransactionId(previousCheck))
                && answer.verifyIntegrity(integrityKey)) {
            consentAtNanos = nowNanos;
            return true;
        }
        return false;
    }

    long consentAtNanos() {
        return consentAtNanos;
    }
}
