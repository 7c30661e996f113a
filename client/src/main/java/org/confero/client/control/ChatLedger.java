package org.confero.client.control;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.OptionalLong;

/**
 * The highest chat id delivered to the listener. A resume asks the router to replay everything after it, and a replay
 * that overlaps what arrived before the drop must not show a message twice. Chat without an id (an older router) is
 * always new.
 */
final class ChatLedger {

    private long highest = Long.MIN_VALUE;

    /** True when {@code chat} has not been delivered yet; it then counts as delivered. */
    synchronized boolean firstDelivery(JsonObject chat) {
        JsonValue id = chat.get("id");
        if (!(id instanceof JsonNumber number)) {
            return true;
        }
        long value = number.longValue();
        if (value <= highest) {
            return false;
        }
        highest = value;
        return true;
    }

    /** What a resume sends as {@code lastChatId}; empty before the first chat with an id. */
    synchronized OptionalLong lastId() {
        return highest == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(highest);
    }
}
