package org.confero.protocol.rest;

import java.time.Instant;
import java.util.List;

/**
 * The meeting lookup's answer: everything a client needs to continue the connection process — the meeting, a signed
 * join token to present to a zone controller, the zones ranked for this client (best first), the HTTP tunnels, the web
 * client's URL, and what the server saw of the path the request took.
 */
public record JoinInfoView(JoinMeetingView meeting, String joinToken, Instant joinTokenExpiresAt,
        List<RankedZoneView> zones, List<TunnelView> tunnels, String webClientUrl, PathView proxy) {

    public JoinInfoView {
        zones = List.copyOf(zones);
        tunnels = List.copyOf(tunnels);
    }

    /** The meeting as a joining participant sees it. */
    public record JoinMeetingView(String id, String topic, String type, String host, Instant startTime,
            int durationMinutes, String timeZone, String state, boolean waitingRoom, boolean muteOnEntry) {
    }

    /**
     * A zone in this client's order: {@code rank} 1 is best; {@code reason} says why (CIDR rule, country, distance,
     * load); {@code available} is false for full, draining or unhealthy zones, which come last.
     */
    public record RankedZoneView(int rank, String id, String name, String region, boolean available, String reason,
            List<String> controllerUrls) {

        public RankedZoneView {
            controllerUrls = List.copyOf(controllerUrls);
        }
    }

    /**
     * The request's path as the server saw it. {@code clientAddress} is the address used for ranking (from a trusted
     * proxy's headers, else the peer); {@code via}, {@code forwarded} and {@code forwardedFor} are the raw headers, so
     * a client learns that a proxy sits on its path even when the proxy is not trusted.
     */
    public record PathView(String clientAddress, boolean proxyDetected, boolean trustedProxy, String via,
            String forwarded, String forwardedFor) {
    }
}
