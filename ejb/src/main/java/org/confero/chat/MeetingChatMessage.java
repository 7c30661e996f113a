package org.confero.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/** One chat message of a meeting. Immutable once written; the id orders a meeting's messages. */
@Entity
@Table(name = "meeting_chat")
@NamedQuery(name = "MeetingChatMessage.after", query = "SELECT m FROM MeetingChatMessage m WHERE m.meetingId = :meeting AND m.id > :after ORDER BY m.id")
public class MeetingChatMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "meeting_id", nullable = false, length = 32)
    private String meetingId;

    @Column(name = "participant_id", nullable = false, length = 64)
    private String participantId;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @Column(nullable = false, length = 2000)
    private String text;

    @Column(name = "sent_at", nullable = false)
    private Instant sentAt;

    protected MeetingChatMessage() {
        // for JPA
    }

    public MeetingChatMessage(String meetingId, String participantId, String displayName, String text, Instant sentAt) {
        this.meetingId = meetingId;
        this.participantId = participantId;
        this.displayName = displayName;
        this.text = text;
        this.sentAt = sentAt;
    }

    public long id() {
        return id;
    }

    public String meetingId() {
        return meetingId;
    }

    public String participantId() {
        return participantId;
    }

    public String displayName() {
        return displayName;
    }

    public String text() {
        return text;
    }

    public Instant sentAt() {
        return sentAt;
    }
}
