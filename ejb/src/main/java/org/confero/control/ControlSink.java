package org.confero.control;

/**
 * Where a room sends one participant's messages (the WebSocket session). Must not block: the web layer sends
 * asynchronously. Messages are JSON text.
 */
public interface ControlSink {

    void send(String json);

    /** Closes the participant's control connection (removed, meeting ended). */
    void close(String reason);
}
