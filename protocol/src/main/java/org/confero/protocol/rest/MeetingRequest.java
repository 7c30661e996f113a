package org.confero.protocol.rest;

import java.time.Instant;

/**
 * Creates a meeting (POST) or changes one (PATCH: absent fields keep their value). {@code type} is {@code meeting} or
 * {@code webinar}; {@code passcode} up to 10 characters, {@code ""} removes it; {@code timeZone} an IANA zone id.
 */
public record MeetingRequest(String topic, String type, Instant startTime, Integer durationMinutes, String timeZone,
        String passcode, Boolean waitingRoom, Boolean muteOnEntry) {
}
