package org.confero.client;

/** The phases of the connection process, in order; {@code TUNNEL} only when no zone controller answered. */
public enum Phase {
    LOOKUP, ZONE_SELECTION, TUNNEL, ASSIGNMENT, CONTROL, MEDIA
}
