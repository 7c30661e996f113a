/**
 * Persistent chat outside meetings: direct (1:1) and group rooms, their members and messages, kept in the database so
 * that history survives restarts and every server reads the same. Real-time delivery to connected users on any server
 * goes through {@link org.confero.messaging.ChatEvents} (the replicated {@code chat-events} cache); files attached to
 * messages are in {@link org.confero.messaging.attachment}.
 */
package org.confero.messaging;
