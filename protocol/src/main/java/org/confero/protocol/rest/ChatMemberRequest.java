package org.confero.protocol.rest;

/** Adds a user to a group room. */
public record ChatMemberRequest(String username) {
}
