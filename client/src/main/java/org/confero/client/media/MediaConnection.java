package org.confero.client.media;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/** A bound media connection of one media type: RTP/RTCP packets out and in, whatever the transport. */
public interface MediaConnection extends AutoCloseable {

    Transport transport();

    /** Sends one RTP or RTCP packet; the relay forwards it to the meeting's other participants. */
    void send(byte[] rtp) throws IOException;

    /** The next packet from the relay, or empty when none came within {@code timeout} (also after a close). */
    Optional<byte[]> receive(Duration timeout) throws InterruptedException;

    /**
     * Hands every packet from now on to {@code receiver} instead of queueing it for {@link #receive}: on the
     * connection's reader thread, so the receiver must be quick (count, copy, hand off) and thread-safe. For
     * applications that watch many connections without a thread each.
     */
    void deliverTo(Consumer<byte[]> receiver);

    boolean isOpen();

    /**
     * Issue 22: sends a probe on this connection's own path that the relay answers on the same path (a STUN binding
     * request on UDP and TCP, a probe text frame on WebSocket), to time its round trip ({@link #roundTripMillis()}). At
     * most one in flight; does nothing while one is awaited, on a closed connection or where the transport cannot
     * probe.
     */
    default void probeRoundTrip() {
    }

    /** The round trip the last answered probe measured on this path, in milliseconds; empty before one. */
    default java.util.OptionalDouble roundTripMillis() {
        return java.util.OptionalDouble.empty();
    }

    @Override
    void close();
}
