package org.confero.protocol.rest;

import java.time.Instant;

/**
 * A meeting as its host and admins see it. The passcode itself is never shown: only whether there is one.
 * {@code webinar} repeats {@code type == "webinar"}; {@code maxAttendees} is the webinar's own attendee capacity, null
 * when it has none (a meeting, or a webinar that takes the server's {@code confero.webinar.max.attendees}).
 */
public record MeetingView(String id, String topic, String host, String type, Instant startTime, int durationMinutes,
        String timeZone, boolean passcodeProtected, boolean waitingRoom, boolean muteOnEntry, String state,
        Instant createdAt, String joinUrl, boolean webinar, Integer maxAttendees) {
}
