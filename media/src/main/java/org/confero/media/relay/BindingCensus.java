package org.confero.media.relay;

import java.util.Map;
import java.util.TreeMap;

import org.confero.protocol.media.MediaType;

/**
 * Bound endpoints counted by media type and transport at one moment. The transport is what the relay sees: {@code udp},
 * {@code tcp}, {@code cascade} (another router's link), {@code tunnel} (a virtual endpoint an HTTP tunnel server
 * attached, see {@link VirtualVia}) or {@code websocket} (the WebSocket media endpoint, straight from a client).
 */
public final class BindingCensus {

    public static final String UDP = "udp";
    public static final String TCP = "tcp";
    public static final String WEBSOCKET = "websocket";
    public static final String CASCADE = "cascade";
    public static final String TUNNEL = "tunnel";

    private final Map<String, Integer> counts = new TreeMap<>();

    void add(Endpoint endpoint) {
        counts.merge(key(endpoint.mediaType, transport(endpoint)), 1, Integer::sum);
    }

    public int count(MediaType mediaType, String transport) {
        return counts.getOrDefault(key(mediaType, transport), 0);
    }

    static String transport(Endpoint endpoint) {
        return switch (endpoint.transport()) {
        case UDP -> UDP;
        case TCP -> TCP;
        case VIRTUAL -> endpoint.cascade ? CASCADE
                : ((VirtualEndpoint) endpoint).via() == VirtualVia.TUNNEL ? TUNNEL : WEBSOCKET;
        };
    }

    private static String key(MediaType mediaType, String transport) {
        return mediaType.name() + "/" + transport;
    }
}
