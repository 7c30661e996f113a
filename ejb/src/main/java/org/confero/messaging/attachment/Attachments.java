package org.confero.messaging.attachment;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.confero.common.api.Actor;
import org.confero.common.api.DomainException;
import org.confero.common.api.Excerpt;
import org.confero.messaging.ChatRooms;
import org.confero.messaging.ChatViews;
import org.confero.protocol.rest.AttachmentView;
import org.jboss.logging.Logger;

/**
 * Uploading and downloading the files of a room's messages, members only. An upload streams outside any transaction (a
 * large file on a slow link must not hold a database transaction open): membership is checked first, the bytes are
 * stored, and only then the row is written — if that fails, the file goes again.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Attachments {

    private static final Logger LOG = Logger.getLogger(Attachments.class);
    private static final Duration UNSENT_KEPT = Duration.ofDays(1);
    private static final int MAX_NAME_CHARS = 255;

    @EJB
    private ChatRooms rooms;

    @EJB
    private AttachmentRecords records;

    @Inject
    private AttachmentSettings settings;

    private final Clock clock = Clock.systemUTC();

    /** A file to send: its metadata and where its bytes are. */
    public record Download(AttachmentView attachment, Path file) {
    }

    public AttachmentView upload(Actor actor, String roomId, String fileName, String contentType, InputStream body) {
        rooms.requireMembership(actor.username(), roomId);
        String name = FileNames.sanitize(fileName, MAX_NAME_CHARS)
                .orElseThrow(() -> DomainException.invalid("a file name (?name=...) is required"));
        String type = AttachmentPolicy.mediaType(contentType);
        ContentSignature signature = settings.policy().signatureOf(type)
                .orElseThrow(() -> AttachmentRejections.typeNotAllowed(type));
        StoredFile stored = settings.store().write(body, settings.policy().maxBytes(), signature, type);
        ChatAttachment attachment = new ChatAttachment(roomId, actor.username(), name, type, stored, clock.instant());
        try {
            records.save(attachment);
        } catch (RuntimeException e) {
            settings.store().delete(stored.key());
            throw e;
        }
        return ChatViews.attachment(attachment);
    }

    public Download open(Actor actor, String roomId, String attachmentId) {
        rooms.requireMembership(actor.username(), roomId);
        ChatAttachment attachment = records.find(attachmentId).filter(a -> a.roomId().equals(roomId))
                .filter(a -> a.messageId().isPresent() || a.uploader().equals(actor.username()))
                .orElseThrow(() -> DomainException.notFound("attachment " + Excerpt.of(attachmentId)));
        Path file = settings.store().pathOf(attachment.storageKey());
        if (!Files.isRegularFile(file)) {
            // The row without its file: the shared disk is not mounted here, or was restored without it.
            LOG.errorf("Attachment %s has no file at %s", attachment.id(), file);
            throw DomainException.notFound("the file of attachment " + attachment.id());
        }
        return new Download(ChatViews.attachment(attachment), file);
    }

    /** Hourly: uploads nobody sent within a day go, row and file. Every server may run it; the deletes agree. */
    @Schedule(hour = "*", minute = "17", persistent = false)
    void removeUnsent() {
        for (String key : records.removeUnsentBefore(clock.instant().minus(UNSENT_KEPT))) {
            settings.store().delete(key);
        }
    }
}
