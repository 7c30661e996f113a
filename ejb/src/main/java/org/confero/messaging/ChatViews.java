package org.confero.messaging;

import java.util.List;

import org.confero.messaging.attachment.ChatAttachment;
import org.confero.protocol.rest.AttachmentView;
import org.confero.protocol.rest.ChatMemberView;
import org.confero.protocol.rest.ChatMessageView;
import org.confero.protocol.rest.ChatRoomView;
import org.confero.user.User;

/** Entities to the API's views. */
public final class ChatViews {

    private ChatViews() {
    }

    static ChatRoomView room(ChatRoom room, List<User> members, long lastMessageId, long unread) {
        List<ChatMemberView> memberViews = members.stream()
                .map(user -> new ChatMemberView(user.username(), user.displayName())).toList();
        return new ChatRoomView(room.id(), room.kind().wireName(), room.name().orElse(null), memberViews,
                room.createdBy(), room.createdAt(), lastMessageId, unread);
    }

    static ChatMessageView message(ChatMessage message, List<ChatAttachment> attachments) {
        return new ChatMessageView(message.id(), message.roomId(), message.sender(), message.text(), message.sentAt(),
                attachments.stream().map(ChatViews::attachment).toList());
    }

    /** The download path is relative to whichever server (or load balancer) the client talks to. */
    public static AttachmentView attachment(ChatAttachment a) {
        return new AttachmentView(a.id(), a.roomId(), a.messageId().orElse(null), a.fileName(), a.contentType(),
                a.size(), a.sha256(), a.uploader(), a.uploadedAt(),
                "/api/v1/chat/rooms/" + a.roomId() + "/attachments/" + a.id());
    }
}
