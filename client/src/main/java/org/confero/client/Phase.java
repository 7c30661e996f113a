package org.confero.client;

/** The phases of the connection process, in order. */
public enum Phase {
    LOOKUP, ZONE_SELECTION, ASSIGNMENT, CONTROL, MEDIA
}
