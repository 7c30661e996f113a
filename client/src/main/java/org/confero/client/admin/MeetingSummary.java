package org.confero.client.admin;

import java.time.Instant;

/** A scheduled meeting (or webinar, issue 23) as the REST API lists it. */
public record MeetingSummary(String id, String topic, String host, Instant startTime, int durationMinutes,
        boolean passcodeProtected, String state, String joinUrl, boolean webinar) {
}
