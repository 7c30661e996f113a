package org.confero.control;

import java.time.Instant;
import java.util.List;

/** Where a room stores its chat, so that whoever resumes — on any router — gets what it missed, once. */
public interface ChatLog {

    /** A stored message; ids increase within a meeting. */
    record Entry(long id, String participantId, String name, String text, Instant at) {
    }

    Entry store(String meetingId, String participantId, String name, String text, Instant at);

    /** Messages after {@code lastId}, oldest first. */
    List<Entry> after(String meetingId, long lastId);
}
