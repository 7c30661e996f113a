package org.confero.protocol.rest;

/**
 * What a user says of itself: {@code available} or {@code busy}. {@code in-meeting} and {@code offline} are what
 * Confero observes (a seat in a meeting; no connection), never set by hand.
 */
public record PresenceRequest(String status) {
}
