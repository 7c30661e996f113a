package org.confero.protocol.rest;

import java.time.Instant;

/** A meeting as its host and admins see it. The passcode itself is never shown: only whether there is one. */
public record MeetingView(String id, String topic, String host, String type, Instant startTime, int durationMinutes,
        String timeZone, boolean passcodeProtected, boolean waitingRoom, boolean muteOnEntry, String state,
        Instant createdAt, String joinUrl) {
}
