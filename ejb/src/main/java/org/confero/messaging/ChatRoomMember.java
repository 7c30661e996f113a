package org.confero.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A user's membership of a room, with how far the user has read (on any device). */
@Entity
@Table(name = "chat_room_member")
@IdClass(ChatRoomMember.Key.class)
@NamedQuery(name = "ChatRoomMember.ofRoom", query = "SELECT m FROM ChatRoomMember m WHERE m.roomId = :room ORDER BY m.username")
public class ChatRoomMember {

    /** The primary key: room and user. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String roomId;
        private String username;

        public Key() {
            // for JPA
        }

        public Key(String roomId, String username) {
            this.roomId = roomId;
            this.username = username;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.roomId.equals(roomId) && key.username.equals(username);
        }

        @Override
        public int hashCode() {
            return Objects.hash(roomId, username);
        }
    }

    @Id
    @Column(name = "room_id", length = 36)
    private String roomId;

    @Id
    @Column(length = 100)
    private String username;

    @Column(name = "joined_at", nullable = false)
    private Instant joinedAt;

    @Column(name = "last_read_id", nullable = false)
    private long lastReadId;

    protected ChatRoomMember() {
        // for JPA
    }

    public ChatRoomMember(String roomId, String username, Instant joinedAt) {
        this.roomId = Objects.requireNonNull(roomId, "roomId");
        this.username = Objects.requireNonNull(username, "username");
        this.joinedAt = Objects.requireNonNull(joinedAt, "joinedAt");
    }

    public String roomId() {
        return roomId;
    }

    public String username() {
        return username;
    }

    public long lastReadId() {
        return lastReadId;
    }

    /** Moves the read mark forward; an older mark (from a slower device) changes nothing. */
    public boolean markRead(long messageId) {
        if (messageId <= lastReadId) {
            return false;
        }
        lastReadId = messageId;
        return true;
    }
}
