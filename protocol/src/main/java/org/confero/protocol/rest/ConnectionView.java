package org.confero.protocol.rest;

/**
 * How the server sees the caller's connection ({@code GET /api/v1/connection}): what an integrator checks when setting
 * up a load balancer or proxy.
 *
 * @param clientAddress
 *            the client's address as Confero uses it (zone ranking, rate limits): the forwarded one when the peer is a
 *            trusted proxy, else the peer's
 * @param scheme
 *            {@code https} or {@code http} as the client used it (the links Confero hands out follow it)
 * @param host
 *            the host the client addressed
 * @param port
 *            the port the client addressed
 * @param viaTrustedProxy
 *            whether the request came through a proxy in {@code confero.trusted.proxies}
 * @param peerAddress
 *            the address the TCP connection came from (the proxy's, when there is one)
 * @param node
 *            the server that answered ({@code jboss.node.name})
 * @param nodeUrl
 *            that server's own URL ({@code confero.node.url})
 */
public record ConnectionView(String clientAddress, String scheme, String host, int port, boolean viaTrustedProxy,
        String peerAddress, String node, String nodeUrl) {
}
