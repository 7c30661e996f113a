package org.confero.chat;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;

/** The stored chat of meetings: written before anyone sees a message, read back to whoever resumes. */
@Stateless
public class MeetingChat {

    /** A resume replays at most this many messages; older ones are history, not something just missed. */
    static final int MAX_REPLAY = 500;

    @PersistenceContext
    private EntityManager em;

    /** Stores the message in a transaction of its own and returns it with its id. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public MeetingChatMessage store(String meetingId, String participantId, String displayName, String text,
            Instant sentAt) {
        MeetingChatMessage message = new MeetingChatMessage(meetingId, participantId, displayName, text, sentAt);
        em.persist(message);
        em.flush();
        return message;
    }

    /** The meeting's messages after {@code afterId}, oldest first (at most {@value #MAX_REPLAY}, the newest ones). */
    public List<MeetingChatMessage> after(String meetingId, long afterId) {
        List<MeetingChatMessage> found = em.createNamedQuery("MeetingChatMessage.after", MeetingChatMessage.class)
                .setParameter("meeting", meetingId).setParameter("after", afterId).getResultList();
        return found.size() <= MAX_REPLAY ? found : found.subList(found.size() - MAX_REPLAY, found.size());
    }
}
