package org.confero.protocol.rest;

import java.util.List;

import org.confero.protocol.rest.JoinInfoView.PathView;
import org.confero.protocol.rest.JoinInfoView.RankedZoneView;

/**
 * {@code GET /api/v1/network-test}: the lookup without a meeting — zones ranked for this client by the same rules, the
 * tunnels, and what the server saw of the path. No join token: the zone controllers' network-test endpoint gives out
 * throwaway test meetings instead.
 */
public record NetworkTestView(String clientAddress, List<RankedZoneView> zones, List<TunnelView> tunnels,
        PathView proxy) {
}
