package org.confero.messaging.attachment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A stored file of a room. Uploaded first, then carried by exactly one message: until then only its uploader may attach
 * it, and an upload nobody sends is removed after a day.
 */
@Entity
@Table(name = "chat_attachment")
@NamedQuery(name = "ChatAttachment.ofMessages", query = "SELECT a FROM ChatAttachment a WHERE a.messageId IN :messages ORDER BY a.uploadedAt")
@NamedQuery(name = "ChatAttachment.unsentBefore", query = "SELECT a FROM ChatAttachment a WHERE a.messageId IS NULL AND a.uploadedAt < :before")
public class ChatAttachment {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "room_id", nullable = false, length = 36)
    private String roomId;

    @Column(name = "message_id")
    private Long messageId;

    @Column(nullable = false, length = 100)
    private String uploader;

    @Column(name = "file_name", nullable = false, length = 255)
    private String fileName;

    @Column(name = "content_type", nullable = false, length = 127)
    private String contentType;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(nullable = false, length = 64)
    private String sha256;

    @Column(name = "storage_key", nullable = false, length = 200)
    private String storageKey;

    @Column(name = "uploaded_at", nullable = false)
    private Instant uploadedAt;

    protected ChatAttachment() {
        // for JPA
    }

    public ChatAttachment(String roomId, String uploader, String fileName, String contentType, StoredFile file,
            Instant uploadedAt) {
        this.id = UUID.randomUUID().toString();
        this.roomId = Objects.requireNonNull(roomId, "roomId");
        this.uploader = Objects.requireNonNull(uploader, "uploader");
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.size = file.size();
        this.sha256 = file.sha256();
        this.storageKey = file.key();
        this.uploadedAt = Objects.requireNonNull(uploadedAt, "uploadedAt");
    }

    /** Whether {@code username} may put this file on a message of {@code room} now. */
    public boolean attachableBy(String username, String room) {
        return messageId == null && uploader.equals(username) && roomId.equals(room);
    }

    public void attachTo(long message) {
        if (messageId != null) {
            throw new IllegalStateException("attachment " + id + " already belongs to message " + messageId);
        }
        messageId = message;
    }

    public String id() {
        return id;
    }

    public String roomId() {
        return roomId;
    }

    public Optional<Long> messageId() {
        return Optional.ofNullable(messageId);
    }

    public String uploader() {
        return uploader;
    }

    public String fileName() {
        return fileName;
    }

    public String contentType() {
        return contentType;
    }

    public long size() {
        return size;
    }

    public String sha256() {
        return sha256;
    }

    public String storageKey() {
        return storageKey;
    }

    public Instant uploadedAt() {
        return uploadedAt;
    }
}
