package org.confero.media.api;

/**
 * What the relay holds in memory now, for operators checking that its state is bounded: every count falls back when its
 * meetings and bindings end (remembered closes after the longest token lifetime).
 *
 * @param meetings
 *            meetings open on the relay
 * @param endpoints
 *            bound media connections (UDP, TCP, WebSocket, tunnel, cascade)
 * @param udpAddresses
 *            UDP source addresses in the forwarding index
 * @param rememberedCloses
 *            closed meetings whose close still refuses older tokens
 */
public record RelayOccupancy(int meetings, int endpoints, int udpAddresses, int rememberedCloses) {
}
