package org.confero.client.nettest;

import java.util.List;

import org.confero.protocol.rest.JoinInfoView.PathView;
import org.confero.protocol.rest.JoinInfoView.RankedZoneView;
import org.confero.protocol.rest.TunnelView;

/** The server's answer to {@code GET /api/v1/network-test}: its zones ranked for this client, its tunnels, the path. */
public record NetworkTestInfo(String clientAddress, List<RankedZoneView> zones, List<TunnelView> tunnels,
        PathView proxy) {

    public NetworkTestInfo {
        zones = List.copyOf(zones);
        tunnels = List.copyOf(tunnels);
    }
}
