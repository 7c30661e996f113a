package org.confero.protocol.rest;

import java.time.Instant;

/**
 * A file uploaded into a chat room: its {@code url} downloads it (members only), {@code sha256} (hex) lets a client
 * check what it got, {@code messageId} is absent until a message carries it.
 */
public record AttachmentView(String id, String roomId, Long messageId, String fileName, String contentType, long size,
        String sha256, String uploader, Instant uploadedAt, String url) {
}
