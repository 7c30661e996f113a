/**
 * Persistent chat and presence for users: REST ({@code /api/v1/chat/rooms}, {@code /api/v1/presence}) and the chat
 * WebSocket ({@code /api/v1/chat/ws}), whose connections on this server receive every event meant for their users from
 * any server of the cluster.
 */
package org.confero.web.messaging;
