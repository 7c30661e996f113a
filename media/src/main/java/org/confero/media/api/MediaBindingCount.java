package org.confero.media.api;

import java.util.List;
import java.util.Objects;

import org.confero.protocol.media.MediaType;

/**
 * How many media connections of one media type are bound to the relay over one transport right now.
 *
 * @param transport
 *            one of {@link #TRANSPORTS}: {@code udp}, {@code tcp}, {@code websocket} (WebSocket over TLS 443 from the
 *            client), {@code tunnel} (what an HTTP tunnel server relays) or {@code cascade} (another router's link)
 */
public record MediaBindingCount(MediaType mediaType, String transport, int count) {

    public static final List<String> TRANSPORTS = List.of("udp", "tcp", "websocket", "tunnel", "cascade");

    public MediaBindingCount {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(transport, "transport");
    }
}
