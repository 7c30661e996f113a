package org.confero.messaging;

import java.util.List;

/** A room and its members' usernames: who a change in the room must reach. */
public record Membership(ChatRoom room, List<String> members) {

    public Membership {
        members = List.copyOf(members);
    }
}
