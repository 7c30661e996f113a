package org.confero.protocol.rest;

import java.time.Instant;

/**
 * A short-lived, signed ticket that authenticates the chat WebSocket ({@code webSocketUrl}): browsers cannot put an
 * Authorization header on a WebSocket, so they fetch a ticket with their credentials and send it as the first frame.
 */
public record ChatTicketView(String ticket, Instant expiresAt, String webSocketUrl) {
}
