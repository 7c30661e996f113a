package org.confero.messaging;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;

/**
 * Creates a direct room in a transaction of its own. Two servers may open the same pair's room at once; the unique pair
 * key lets one of them win, and the loser's caller finds the winner's room instead of failing.
 */
@Stateless
public class DirectRoomCreator {

    @PersistenceContext(unitName = "confero")
    private EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public String create(String creator, String other, Instant now) {
        ChatRoom room = ChatRoom.direct(creator, other, now);
        em.persist(room);
        em.persist(new ChatRoomMember(room.id(), creator, now));
        em.persist(new ChatRoomMember(room.id(), other, now));
        em.flush();
        return room.id();
    }
}
