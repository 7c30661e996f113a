package org.confero.limits;

import org.eclipse.microprofile.config.Config;

/**
 * The limits that keep one source address, meeting or participant from taking more than its share (issue 18), each a
 * MicroProfile Config property with a default. Refusals under each are counted ({@link Refusals}) and listed for admins
 * by name, so a name never changes meaning.
 */
public enum Limit {

    LOOKUPS("lookups", "confero.limits.lookups.per.minute", 120, "meeting lookups per source address and minute"),
    ASSIGNS("assigns", "confero.limits.assigns.per.minute", 120, "router assignments per source address and minute"),
    CONTROL_CONNECTIONS("control-connections", "confero.control.connections.per.source", 100,
            "simultaneous control WebSockets per source address"),
    JOIN_DEADLINE("join-deadline", "confero.control.join.deadline.seconds", 10,
            "seconds a control WebSocket may stay open without join or resume"),
    // Enforced by the control rooms and the relay; listed here so that they are counted and shown in one place.
    MEETING_FULL("meeting-full", "confero.meeting.max.participants", 300, "participants per meeting"),
    WEBINAR_FULL("webinar-full", "confero.webinar.max.attendees", 1000,
            "attendees per webinar (a webinar may set a lower maxAttendees)"),
    CHAT_RATE("chat-rate", "confero.control.chat.per.minute", 60, "chat messages per participant and minute"),
    RELAY_BINDS("relay-binds", "confero.media.binds.per.minute", 30,
            "new media bindings per participant, media type and minute");

    private final String slug;
    private final String property;
    private final int defaultValue;
    private final String meaning;

    Limit(String slug, String property, int defaultValue, String meaning) {
        this.slug = slug;
        this.property = property;
        this.defaultValue = defaultValue;
        this.meaning = meaning;
    }

    /** The stable name under which refusals are counted and shown. */
    public String slug() {
        return slug;
    }

    public String property() {
        return property;
    }

    public int defaultValue() {
        return defaultValue;
    }

    /** What the setting counts, for people: "meeting lookups per source address and minute". */
    public String meaning() {
        return meaning;
    }

    /**
     * The configured value, or the default. A value below 1 would refuse everything (or nothing, for a deadline), so it
     * fails loudly instead.
     */
    public int setting(Config config) {
        int value = config.getOptionalValue(property, Integer.class).orElse(defaultValue);
        if (value < 1) {
            throw new IllegalArgumentException(property + " must be at least 1, was " + value);
        }
        return value;
    }
}
