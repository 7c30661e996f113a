package org.confero.client.control;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.LinkedHashSet;
import java.util.OptionalLong;
import java.util.Iterator;

/**
 * The chat ids delivered to the listener. A resume asks the router to replay everything after the highest, and a replay
 * that overlaps what arrived before the drop must not show a message twice. Ids are remembered one by one, not as
 * "everything up to the highest": in a meeting that spans routers, a message written on another router may arrive after
 * a later one written on this router. The last {@value #REMEMBERED} ids are kept (a replay never goes further back than
 * the drop). Chat without an id (an older router) is always new.
 */
final class ChatLedger {

    static final int REMEMBERED = 4096;

    private final LinkedHashSet<Long> delivered = new LinkedHashSet<>();
    private long highest = Long.MIN_VALUE;

    /** True when {@code chat} has not been delivered yet; it then counts as delivered. */
    synchronized boolean firstDelivery(JsonObject chat) {
        JsonValue id = chat.get("id");
        if (!(id instanceof JsonNumber number)) {
            return true;
        }
        long value = number.longValue();
        if (!delivered.add(value)) {
            return false;
        }
        if (delivered.size() > REMEMBERED) {
            Iterator<Long> oldest = delivered.iterator();
            oldest.next();
            oldest.remove();
        }
        highest = Math.max(highest, value);
        return true;
    }

    /** What a resume sends as {@code lastChatId}; empty before the first chat with an id. */
    synchronized OptionalLong lastId() {
        return highest == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(highest);
    }
}
