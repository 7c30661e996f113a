package org.confero.media.relay;

import java.util.HashMap;
import java.util.Map;

import org.confero.protocol.media.MediaType;

/**
 * How many new bindings each participant of one meeting made per media type in its current one-minute window (issue 18:
 * a participant that binds again and again must not churn the relay). Fixed windows that start at a participant's first
 * binding: at most {@code perMinute} in each, and an expired window is forgotten, so the state shrinks as participants
 * go quiet and dies with its meeting. Guarded by the meeting's lock; bindings are control traffic, so allocating here
 * is fine.
 */
final class BindRate {

    static final long WINDOW_MILLIS = 60_000;

    private record Key(String participantId, MediaType mediaType) {
    }

    private static final class Window {
        final long startMillis;
        int count;

        Window(long startMillis) {
            this.startMillis = startMillis;
        }

        boolean isOverAt(long nowMillis) {
            return nowMillis - startMillis >= WINDOW_MILLIS;
        }
    }

    private final int perMinute;
    private final Map<Key, Window> windows = new HashMap<>();

    BindRate(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Counts one new binding; false (nothing counted) when the participant has used up its window. */
    boolean tryCount(String participantId, MediaType mediaType, long nowMillis) {
        Key key = new Key(participantId, mediaType);
        Window window = windows.get(key);
        if (window == null || window.isOverAt(nowMillis)) {
            window = new Window(nowMillis);
            windows.put(key, window);
        }
        if (window.count >= perMinute) {
            return false;
        }
        window.count++;
        return true;
    }

    void forgetExpired(long nowMillis) {
        windows.values().removeIf(window -> window.isOverAt(nowMillis));
    }

    int size() {
        return windows.size();
    }
}
