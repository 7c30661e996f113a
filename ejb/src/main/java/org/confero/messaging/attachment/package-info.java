/**
 * Files attached to chat messages. The bytes are streamed to the shared disk ({@code confero.data.path/attachments},
 * written once under a random key, never held whole in memory) and checked while they pass — size against
 * {@code confero.chat.attachment.max.bytes}, declared type against an allow-list and against the file's own leading
 * bytes; the metadata (name, type, size, SHA-256, room, message) is a row of {@code chat_attachment}.
 */
package org.confero.messaging.attachment;
