package org.confero.media.api;

/**
 * Issue 23: media of one media type that crossed this relay's cascade links since it started, as this relay sees it.
 * {@code packetsOut}: copies of its own participants' packets sent into links (one per link and packet: the fan-out to
 * other routers); {@code packetsIn}: packets that arrived from links (another router's participants), which go to this
 * router's participants only. Summed over links and meetings, so they only grow, like a Prometheus counter.
 */
public record CascadeTraffic(long packetsIn, long bytesIn, long packetsOut, long bytesOut) {

    public static final CascadeTraffic NONE = new CascadeTraffic(0, 0, 0, 0);
}
