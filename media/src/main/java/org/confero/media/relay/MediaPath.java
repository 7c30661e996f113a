package org.confero.media.relay;

import java.net.InetSocketAddress;
import java.util.Optional;

import org.confero.protocol.media.MediaToken;

/** Where a STUN message came from and how to answer it: a UDP source address or a TCP connection. */
interface MediaPath {

    TransportKind transport();

    InetSocketAddress remote();

    /** The endpoint bound on this path, if any. */
    Optional<Endpoint> bound();

    /** Sends one STUN message back on this path (framed on TCP). */
    void send(byte[] stun, int dscpClass);

    /** A new endpoint for this path once it has proven itself; the caller binds it. */
    Endpoint newEndpoint(Meeting meeting, MediaToken token, byte[] integrityKey, int dscpClass, long nowNanos);

    /** Told after the registry bound the endpoint made by {@link #newEndpoint}. */
    default void bound(Endpoint endpoint) {
    }
}
