package org.confero.client.control;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Chat written while the control channel is down, sent in order once it resumed. Bounded: past {@link #CAPACITY}
 * messages the writer is told (an {@link IOException}) rather than a queued message silently dropped, and memory does
 * not grow with an outage nobody notices. Guarded by the session's send lock.
 */
final class ChatOutbox {

    static final int CAPACITY = 100;

    private final Deque<JsonObject> waiting = new ArrayDeque<>();

    void add(JsonObject chat) throws IOException {
        if (waiting.size() >= CAPACITY) {
            throw new IOException("control channel is down and " + CAPACITY + " chat messages already wait for it");
        }
        waiting.addLast(chat);
    }

    /** The oldest message, left in place until {@link #sent()} says it went out. */
    JsonObject next() {
        return waiting.peekFirst();
    }

    void sent() {
        waiting.pollFirst();
    }

    int size() {
        return waiting.size();
    }
}
