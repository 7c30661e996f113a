package org.confero.protocol.rest;

/** A member of a chat room. */
public record ChatMemberView(String username, String displayName) {
}
