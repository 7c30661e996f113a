package org.confero.client.media;

import java.io.IOException;
import java.util.Optional;

/** What the binding handshake needs of a transport: whole packets out, whole packets in until a deadline. */
interface PacketChannel {

    void send(byte[] packet) throws IOException;

    /** Empty when nothing arrived before {@code deadlineNanos} ({@link System#nanoTime()}). */
    Optional<byte[]> receive(long deadlineNanos) throws IOException;
}
