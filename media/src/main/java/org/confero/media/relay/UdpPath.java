package org.confero.media.relay;

import java.net.InetSocketAddress;
import java.util.Optional;

import org.confero.protocol.media.MediaToken;

/** A UDP source address as seen by one I/O thread; made per STUN message, never on the media path. */
record UdpPath(InetSocketAddress remote, UdpOut out, EndpointRegistry registry) implements MediaPath {

    @Override
    public TransportKind transport() {
        return TransportKind.UDP;
    }

    @Override
    public Optional<Endpoint> bound() {
        return Optional.ofNullable(registry.udpAt(remote));
    }

    @Override
    public void send(byte[] stun, int dscpClass) {
        out.sendControl(dscpClass, stun, remote);
    }

    @Override
    public Endpoint newEndpoint(Meeting meeting, MediaToken token, byte[] integrityKey, int dscpClass, long nowNanos) {
        return new UdpEndpoint(meeting, token.participantId(), token.mediaType(), remote, dscpClass, integrityKey,
                nowNanos);
    }
}
