package org.confero.client.media;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** A bound media connection of one media type: RTP/RTCP packets out and in, whatever the transport. */
public interface MediaConnection extends AutoCloseable {

    Transport transport();

    /** Sends one RTP or RTCP packet; the relay forwards it to the meeting's other participants. */
    void send(byte[] rtp) throws IOException;

    /** The next packet from the relay, or empty when none came within {@code timeout} (also after a close). */
    Optional<byte[]> receive(Duration timeout) throws InterruptedException;

    boolean isOpen();

    @Override
    void close();
}
