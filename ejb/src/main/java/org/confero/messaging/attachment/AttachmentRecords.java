package org.confero.messaging.attachment;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code chat_attachment} rows. */
@Stateless
public class AttachmentRecords {

    @PersistenceContext(unitName = "confero")
    private EntityManager em;

    public void save(ChatAttachment attachment) {
        em.persist(attachment);
    }

    public Optional<ChatAttachment> find(String id) {
        return id == null || id.length() > 36 ? Optional.empty()
                : Optional.ofNullable(em.find(ChatAttachment.class, id));
    }

    /** Removes uploads no message took before {@code cutoff}; returns their storage keys. */
    public List<String> removeUnsentBefore(Instant cutoff) {
        List<ChatAttachment> stale = em.createNamedQuery("ChatAttachment.unsentBefore", ChatAttachment.class)
                .setParameter("before", cutoff).setMaxResults(1000).getResultList();
        stale.forEach(em::remove);
        return stale.stream().map(ChatAttachment::storageKey).toList();
    }
}
