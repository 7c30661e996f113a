package org.confero.mmr.api;

import java.time.Instant;
import java.util.Objects;

import org.confero.protocol.media.MediaType;

/**
 * One bound media connection of a participant on this server's relay.
 *
 * @param transport
 *            {@code udp}, {@code tcp}, {@code websocket}, {@code tunnel} or {@code cascade}
 * @param remote
 *            the client's address as the relay sees it; empty for virtual endpoints
 */
public record MediaConnectionView(String participantId, MediaType mediaType, String transport, String remote,
        Instant boundAt) {

    public MediaConnectionView {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(boundAt, "boundAt");
    }
}
