package org.confero.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.confero.common.api.DomainException;

/**
 * A chat room. Its kind never changes; a direct room is keyed by its sorted pair of usernames, so the database itself
 * keeps two users to one direct room even when two servers open it at the same moment.
 */
@Entity
@Table(name = "chat_room")
@NamedQuery(name = "ChatRoom.ofMember", query = "SELECT r FROM ChatRoom r, ChatRoomMember m WHERE m.roomId = r.id AND m.username = :username ORDER BY r.createdAt DESC")
@NamedQuery(name = "ChatRoom.byPair", query = "SELECT r FROM ChatRoom r WHERE r.directPair = :pair")
public class ChatRoom {

    static final int MAX_NAME_CHARS = 200;

    @Id
    @Column(length = 36)
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private RoomKind kind;

    @Column(length = MAX_NAME_CHARS)
    private String name;

    @Column(name = "direct_pair", length = 201)
    private String directPair;

    @Column(name = "created_by", nullable = false, length = 100)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ChatRoom() {
        // for JPA
    }

    private ChatRoom(RoomKind kind, String name, String directPair, String createdBy, Instant createdAt) {
        this.id = UUID.randomUUID().toString();
        this.kind = kind;
        this.name = name;
        this.directPair = directPair;
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public static ChatRoom group(String name, String creator, Instant now) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_CHARS) {
            throw DomainException.invalid("a group room needs a name of 1 to " + MAX_NAME_CHARS + " characters");
        }
        return new ChatRoom(RoomKind.GROUP, trimmed, null, creator, now);
    }

    public static ChatRoom direct(String creator, String other, Instant now) {
        return new ChatRoom(RoomKind.DIRECT, null, pairOf(creator, other), creator, now);
    }

    /** The key of the direct room of two users, the same whichever of them asks. */
    public static String pairOf(String a, String b) {
        if (a.equals(b)) {
            throw DomainException.invalid("a direct room is between two different users");
        }
        return a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
    }

    public String id() {
        return id;
    }

    public RoomKind kind() {
        return kind;
    }

    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
