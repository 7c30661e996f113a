package org.confero.client.tunnel;

/** An HTTP answer that came back through the tunnel. */
public record TunnelResponse(int status, String contentType, String body) {
}
