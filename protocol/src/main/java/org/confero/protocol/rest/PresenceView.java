package org.confero.protocol.rest;

/** A user's presence: {@code available}, {@code busy}, {@code in-meeting} or {@code offline}. */
public record PresenceView(String username, String status) {
}
