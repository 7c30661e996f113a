package org.confero.protocol.rest;

import java.time.Instant;
import java.util.List;

/** A chat message. Ids increase across all rooms, so "everything after id N" is one question. */
public record ChatMessageView(long id, String roomId, String sender, String text, Instant sentAt,
        List<AttachmentView> attachments) {

    public ChatMessageView {
        attachments = List.copyOf(attachments);
    }
}
