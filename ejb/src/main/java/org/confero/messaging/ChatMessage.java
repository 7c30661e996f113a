package org.confero.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

import org.confero.common.api.DomainException;

/** One message of a room, immutable once written. */
@Entity
@Table(name = "chat_message")
@NamedQuery(name = "ChatMessage.before", query = "SELECT m FROM ChatMessage m WHERE m.roomId = :room AND m.id < :before ORDER BY m.id DESC")
@NamedQuery(name = "ChatMessage.after", query = "SELECT m FROM ChatMessage m WHERE m.roomId = :room AND m.id > :after ORDER BY m.id")
@NamedQuery(name = "ChatMessage.forMemberAfter", query = "SELECT m FROM ChatMessage m, ChatRoomMember r WHERE r.roomId = m.roomId AND r.username = :username AND m.id > :after ORDER BY m.id")
@NamedQuery(name = "ChatMessage.lastOfRooms", query = "SELECT m.roomId, MAX(m.id) FROM ChatMessage m WHERE m.roomId IN :rooms GROUP BY m.roomId")
@NamedQuery(name = "ChatMessage.unreadOfRooms", query = "SELECT m.roomId, COUNT(m) FROM ChatMessage m, ChatRoomMember r WHERE r.roomId = m.roomId AND r.username = :username AND m.id > r.lastReadId AND m.sender <> :username AND m.roomId IN :rooms GROUP BY m.roomId")
public class ChatMessage {

    public static final int MAX_TEXT_CHARS = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "room_id", nullable = false, length = 36)
    private String roomId;

    @Column(nullable = false, length = 100)
    private String sender;

    @Column(nullable = false, length = MAX_TEXT_CHARS)
    private String text;

    @Column(name = "sent_at", nullable = false)
    private Instant sentAt;

    protected ChatMessage() {
        // for JPA
    }

    /** {@code text} may be empty only for a message that carries files (the caller knows). */
    public ChatMessage(String roomId, String sender, String text, Instant sentAt) {
        this.roomId = Objects.requireNonNull(roomId, "roomId");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.text = Objects.requireNonNull(text, "text");
        if (text.length() > MAX_TEXT_CHARS) {
            throw DomainException.invalid("a message has at most " + MAX_TEXT_CHARS + " characters");
        }
        this.sentAt = Objects.requireNonNull(sentAt, "sentAt");
    }

    public long id() {
        return id;
    }

    public String roomId() {
        return roomId;
    }

    public String sender() {
        return sender;
    }

    public String text() {
        return text;
    }

    public Instant sentAt() {
        return sentAt;
    }
}
