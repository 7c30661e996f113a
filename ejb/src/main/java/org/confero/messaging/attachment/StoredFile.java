package org.confero.messaging.attachment;

/** A file written to the attachment store: its key (path under the store's root), size and SHA-256 (hex). */
public record StoredFile(String key, long size, String sha256) {
}
