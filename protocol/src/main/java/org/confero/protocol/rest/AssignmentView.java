package org.confero.protocol.rest;

import java.time.Instant;
import java.util.Map;

import org.confero.protocol.media.MediaCredentials;

/**
 * The zone controller's answer: the multimedia router for this participant, its control URL, its media endpoints and
 * one set of media credentials per media type ({@code audio}, {@code video}, {@code content}) valid until
 * {@code expiresAt}. {@code reason} says why this router (meeting already there, new meeting, overflow).
 */
public record AssignmentView(String meetingId, String participantId, String zone, String router, String controlUrl,
        MediaEndpoints media, Map<String, MediaCredentials> credentials, Instant expiresAt, String reason) {

    public AssignmentView {
        credentials = Map.copyOf(credentials);
    }

    /** Where the router takes media: UDP and TCP on {@code host}, else WebSocket over TLS at {@code wssUrl}. */
    public record MediaEndpoints(String host, int udpPort, int tcpPort, String wssUrl) {
    }
}
