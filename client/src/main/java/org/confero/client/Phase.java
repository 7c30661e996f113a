package org.confero.client;

/**
 * The phases of the connection process, in order; {@code TUNNEL} only when no zone controller answered,
 * {@code ADMISSION} only when the router put the participant in the meeting's waiting room (until a host admits it).
 */
public enum Phase {
    LOOKUP, ZONE_SELECTION, TUNNEL, ASSIGNMENT, CONTROL, ADMISSION, MEDIA
}
