package org.confero.protocol.rest;

import java.util.List;

/**
 * Opens a chat room. {@code kind} {@code direct}: a 1:1 room with the one user in {@code members} (the same room again
 * if the two already have one); {@code group}: a named room with the caller and {@code members}.
 */
public record ChatRoomRequest(String kind, String name, List<String> members) {
}
