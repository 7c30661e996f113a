package org.confero.messaging;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.confero.common.api.Actor;
import org.confero.common.api.DomainException;
import org.confero.common.api.Excerpt;
import org.confero.messaging.attachment.ChatAttachment;
import org.confero.protocol.rest.ChatMessageRequest;
import org.confero.protocol.rest.ChatMessageView;
import org.confero.protocol.rest.ChatMessagesView;

/**
 * Sending and reading messages. A message is stored (and its files bound to it) before anyone is told of it, so what a
 * client saw live it also finds in the history, on every server, after any restart.
 */
@Stateless
public class ChatMessages {

    static final int MAX_ATTACHMENTS = 10;
    static final int MAX_PAGE = 200;

    @PersistenceContext(unitName = "confero")
    private EntityManager em;

    @EJB
    private org.confero.metrics.ConferoMeters meters;

    @EJB
    private ChatRooms rooms;

    private final Clock clock = Clock.systemUTC();

    /** A stored message and the members to deliver it to. */
    public record Posted(ChatMessageView message, List<String> members) {
    }

    public Posted post(Actor actor, String roomId, ChatMessageRequest request) {
        Membership membership = rooms.requireMembership(actor.username(), roomId);
        if (request == null) {
            throw DomainException.invalid("a body with text and/or attachments is required");
        }
        String text = request.text() == null ? "" : request.text();
        List<String> attachmentIds = request.attachments() == null ? List.of()
                : List.copyOf(new LinkedHashSet<>(request.attachments()));
        if (attachmentIds.size() > MAX_ATTACHMENTS) {
            throw DomainException.invalid("a message carries at most " + MAX_ATTACHMENTS + " attachments");
        }
        if (text.isBlank() && attachmentIds.isEmpty()) {
            throw DomainException.invalid("a message needs text or an attachment");
        }
        List<ChatAttachment> attachments = new ArrayList<>();
        for (String id : attachmentIds) {
            ChatAttachment attachment = id == null || id.length() > 36 ? null : em.find(ChatAttachment.class, id);
            if (attachment == null || !attachment.attachableBy(actor.username(), roomId)) {
                throw DomainException
                        .invalid("attachment '" + Excerpt.of(id) + "' is not an unsent upload of yours in this room");
            }
            attachments.add(attachment);
        }
        ChatMessage message = new ChatMessage(roomId, actor.username(), text, clock.instant());
        em.persist(message);
        em.flush();
        for (ChatAttachment attachment : attachments) {
            attachment.attachTo(message.id());
        }
        ChatRoomMember sender = em.find(ChatRoomMember.class, new ChatRoomMember.Key(roomId, actor.username()));
        sender.markRead(message.id());
        meters.chatMessage("room");
        return new Posted(ChatViews.message(message, attachments), membership.members());
    }

    /**
     * A slice of a room's history, oldest first: the {@code limit} messages before {@code before} (default: the
     * newest), or if {@code after} is given the {@code limit} messages after it.
     */
    public ChatMessagesView history(Actor actor, String roomId, Long before, Long after, int limit) {
        rooms.requireMembership(actor.username(), roomId);
        if (before != null && after != null) {
            throw DomainException.invalid("ask for messages before or after an id, not both");
        }
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        List<ChatMessage> found;
        if (after != null) {
            found = em.createNamedQuery("ChatMessage.after", ChatMessage.class).setParameter("room", roomId)
                    .setParameter("after", after).setMaxResults(size + 1).getResultList();
        } else {
            found = new ArrayList<>(em.createNamedQuery("ChatMessage.before", ChatMessage.class)
                    .setParameter("room", roomId).setParameter("before", before == null ? Long.MAX_VALUE : before)
                    .setMaxResults(size + 1).getResultList());
        }
        boolean more = found.size() > size;
        List<ChatMessage> page = new ArrayList<>(found.subList(0, Math.min(size, found.size())));
        if (after == null) {
            Collections.reverse(page);
        }
        return new ChatMessagesView(withAttachments(page), more);
    }

    /**
     * Every message in {@code username}'s rooms after {@code afterId}, oldest first: what a reconnecting client missed.
     */
    public ChatMessagesView since(String username, long afterId, int limit) {
        int size = Math.max(1, Math.min(limit, MAX_PAGE * 5));
        List<ChatMessage> found = em.createNamedQuery("ChatMessage.forMemberAfter", ChatMessage.class)
                .setParameter("username", username).setParameter("after", afterId).setMaxResults(size + 1)
                .getResultList();
        boolean more = found.size() > size;
        return new ChatMessagesView(withAttachments(found.subList(0, Math.min(size, found.size()))), more);
    }

    private List<ChatMessageView> withAttachments(List<ChatMessage> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        Map<Long, List<ChatAttachment>> byMessage = em
                .createNamedQuery("ChatAttachment.ofMessages", ChatAttachment.class)
                .setParameter("messages", messages.stream().map(ChatMessage::id).toList()).getResultStream()
                .collect(Collectors.groupingBy(a -> a.messageId().orElseThrow()));
        return messages.stream().map(m -> ChatViews.message(m, byMessage.getOrDefault(m.id(), List.of()))).toList();
    }
}
