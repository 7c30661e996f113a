package org.confero.media.api;

/**
 * A handle on the media relay of this server. Not thread-safe: one caller at a time, closed after use.
 */
public interface MediaConnection extends AutoCloseable {

    /** What the relay is doing now; never blocks on the network. */
    RelayStatus status();

    /** Returns the handle to the pool; the relay keeps running. */
    @Override
    void close();
}
