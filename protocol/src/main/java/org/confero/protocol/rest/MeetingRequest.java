package org.confero.protocol.rest;

import java.time.Instant;

/**
 * Creates a meeting (POST) or changes one (PATCH: absent fields keep their value). {@code type} is {@code meeting} or
 * {@code webinar}; {@code webinar: true} says the same as {@code type: webinar} (both may be given if they agree);
 * {@code maxAttendees} (webinars only, 1 to the server's {@code confero.webinar.max.attendees}) lowers the webinar's
 * attendee capacity, absent means the server's; {@code passcode} up to 10 characters, {@code ""} removes it;
 * {@code timeZone} an IANA zone id.
 */
public record MeetingRequest(String topic, String type, Instant startTime, Integer durationMinutes, String timeZone,
        String passcode, Boolean waitingRoom, Boolean muteOnEntry, Boolean webinar, Integer maxAttendees) {
    // One constructor only: JSON-B binds a record through its canonical constructor, and a second one makes it refuse
    // every body as malformed.
}
