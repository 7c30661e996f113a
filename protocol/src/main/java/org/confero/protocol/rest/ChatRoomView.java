package org.confero.protocol.rest;

import java.time.Instant;
import java.util.List;

/**
 * A chat room as one of its members sees it: {@code kind} {@code direct} or {@code group}, {@code name} only for
 * groups, {@code lastMessageId} 0 while empty, {@code unread} the messages of others after the caller's read mark.
 */
public record ChatRoomView(String id, String kind, String name, List<ChatMemberView> members, String createdBy,
        Instant createdAt, long lastMessageId, long unread) {

    public ChatRoomView {
        members = List.copyOf(members);
    }
}
